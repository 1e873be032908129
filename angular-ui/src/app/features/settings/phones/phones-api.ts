import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  IpPhone,
  IpPhoneRequest,
  IpPhoneSaved,
  PhoneProvisioningInfo,
  UpdateIpPhoneRequest,
  UserPage,
} from '@webcall/contracts';
import type { Observable } from 'rxjs';

/** The IP phone endpoints (`libs/contracts/src/provisioning.ts`, F6). */
@Injectable({ providedIn: 'root' })
export class PhonesApi {
  private readonly http = inject(HttpClient);

  list(): Observable<IpPhone[]> {
    return this.http.get<IpPhone[]>('/api/ip-phones');
  }

  create(request: IpPhoneRequest): Observable<IpPhoneSaved> {
    return this.http.post<IpPhoneSaved>('/api/ip-phones', request);
  }

  update(id: number, request: UpdateIpPhoneRequest): Observable<IpPhoneSaved> {
    return this.http.patch<IpPhoneSaved>(`/api/ip-phones/${id}`, request);
  }

  remove(id: number): Observable<unknown> {
    return this.http.delete(`/api/ip-phones/${id}`);
  }

  provisioning(): Observable<PhoneProvisioningInfo> {
    return this.http.get<PhoneProvisioningInfo>('/api/ip-phones/provisioning');
  }

  /** The old URL stops working at once. */
  regenerate(): Observable<PhoneProvisioningInfo> {
    return this.http.post<PhoneProvisioningInfo>('/api/ip-phones/provisioning/regenerate', null);
  }

  /** Users for the picker: the API's largest page (a tenant has at most a few hundred users). */
  users(): Observable<UserPage> {
    return this.http.get<UserPage>('/api/users', {
      params: new HttpParams().set('page', 1).set('pageSize', 100),
    });
  }
}

/** `00:15:65:ab:cd:ef`, as the label under the phone prints it. */
export function formatMac(mac: string): string {
  return (mac.match(/../g) ?? [mac]).join(':').toUpperCase();
}

/** How the console names a phone: its label, else its MAC. */
export function phoneName(phone: IpPhone): string {
  return phone.label ?? formatMac(phone.mac);
}
