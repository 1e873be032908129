import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { SipBlock } from '@webcall/contracts';
import type { Observable } from 'rxjs';

const SIP_BLOCKS_API = '/api/operator/sip-blocks';

/** `/api/operator/sip-blocks` (operators only): addresses blocked after failed SIP authentications. */
@Injectable({ providedIn: 'root' })
export class SipBlocksApi {
  private readonly http = inject(HttpClient);

  list(): Observable<SipBlock[]> {
    return this.http.get<SipBlock[]>(SIP_BLOCKS_API);
  }

  /** 204 once lifted; 404 when the address is not blocked (any more). */
  lift(address: string): Observable<void> {
    return this.http.delete<void>(`${SIP_BLOCKS_API}/${encodeURIComponent(address)}`);
  }
}
