import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { DeviceInfo, DeviceMode, ProvisioningLink, UpdateDeviceRequest } from '@webcall/contracts';
import type { Observable } from 'rxjs';
import type { ApiFailure } from '../../core/auth/api-error';
import { apiMessage } from '../../shared/api-message';
import type { Message } from '../auth/form-support';

/** The signed-in user's own phone (`libs/contracts/src/devices.ts`, F4 and F5). */
@Injectable({ providedIn: 'root' })
export class DeviceApi {
  private readonly http = inject(HttpClient);

  /** 409 `no_device` for an account without a phone. */
  mine(): Observable<DeviceInfo> {
    return this.http.get<DeviceInfo>('/api/me/device');
  }

  /** Applied to Asterisk at once; 503 `asterisk_apply_failed` means nothing changed. */
  setMode(mode: DeviceMode): Observable<DeviceInfo> {
    const request: UpdateDeviceRequest = { mode };
    return this.http.put<DeviceInfo>('/api/me/device', request);
  }

  /** A new SIP password; the old one stops working at once. */
  regeneratePassword(): Observable<DeviceInfo> {
    return this.http.post<DeviceInfo>('/api/me/device/password', null);
  }

  /** A one-time softphone link (24 h) with its QR code; earlier unused links stop working. */
  provisioningLink(): Observable<ProvisioningLink> {
    return this.http.post<ProvisioningLink>('/api/me/device/provisioning-link', null);
  }
}

/**
 * The API's own words for a failed device change. Unlike other 5xx answers, Asterisk refusing a
 * change says why and that the old configuration is kept, which the user needs to read.
 */
export function deviceFailureMessage(failure: ApiFailure): Message {
  const text = failure.body.message;
  if (failure.body.code === 'asterisk_apply_failed' && typeof text === 'string' && text) return { text };
  return apiMessage(failure);
}
