import { AriChannelGoneError, AriNotFoundError } from '#ari';

/** A promise whose rejection is handled here as well as by whoever awaits it later. */
export function observe<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** For `.catch()`: a channel or bridge that is already gone is a normal race, anything else is not. */
export function ignoreGone(err: unknown): void {
  if (err instanceof AriChannelGoneError || err instanceof AriNotFoundError) return;
  throw err;
}

export type EndpointAvailability = 'free' | 'busy' | 'unavailable';

/** Whether a phone can be rung now: registered and in no call. */
export async function endpointAvailability(
  endpoints: {
    get(p: { tech: string; resource: string }): Promise<{ state?: string; channel_ids: string[] }>;
  },
  resource: string,
): Promise<EndpointAvailability> {
  try {
    const endpoint = await endpoints.get({ tech: 'PJSIP', resource });
    if (endpoint.state !== 'online') return 'unavailable';
    return endpoint.channel_ids.length > 0 ? 'busy' : 'free';
  } catch (err) {
    if (err instanceof AriNotFoundError) return 'unavailable';
    throw err;
  }
}
