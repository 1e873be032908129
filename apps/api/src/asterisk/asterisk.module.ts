import { Global, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { AmiClient } from '#ami';
import { AriClient } from '#ari';
import { API_CONFIG, type ApiConfig } from '../config/api-config.js';

/**
 * Asterisk connections of the api process. The api never opens the ARI event socket of the
 * `webcall` Stasis app (that would replace callflow's registration): it only uses ARI REST.
 */
@Global()
@Module({
  providers: [
    {
      provide: AriClient,
      inject: [API_CONFIG],
      useFactory: (c: ApiConfig) =>
        new AriClient({
          url: c.ARI_URL,
          username: c.ARI_USERNAME,
          password: c.ARI_PASSWORD,
          app: 'webcall-api',
        }),
    },
    {
      provide: AmiClient,
      inject: [API_CONFIG],
      useFactory: (c: ApiConfig) =>
        new AmiClient({
          host: c.AMI_HOST,
          port: c.AMI_PORT,
          username: c.AMI_USERNAME,
          secret: c.AMI_SECRET,
          // Security: failed SIP authentications for the SIP guard. System: FullyBooted, after
          // which pushed configuration (phones, trunks, blocks) is pushed again.
          events: 'security,system',
        }),
    },
  ],
  exports: [AriClient, AmiClient],
})
export class AsteriskModule implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(AmiClient) private readonly ami: AmiClient) {}

  onModuleInit(): void {
    this.ami.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.ami.stop();
  }
}
