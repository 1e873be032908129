import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  type ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { TitleStrategy, provideRouter, withComponentInputBinding } from '@angular/router';
import { routes } from './app.routes';
import { authInterceptor } from './core/auth/auth.interceptor';
import { AuthService } from './core/auth/auth.service';
import { TranslatedTitleStrategy } from './core/i18n/translated-title.strategy';
import { TranslationService } from './core/i18n/translation.service';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    // Zoneless is Angular 22's default; stated explicitly so the intent survives upgrades.
    provideZonelessChangeDetection(),
    // Fetch is HttpClient's default backend in Angular 22 (`withFetch()` is deprecated there).
    provideHttpClient(withInterceptors([authInterceptor])),
    provideRouter(routes, withComponentInputBinding()),
    { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
    // Start trading the refresh cookie for a token at once (not awaited: the guards await it).
    provideAppInitializer(() => void inject(AuthService).restore()),
    // The language's dictionary (a lazy chunk) is there before anything renders.
    provideAppInitializer(() => inject(TranslationService).ready()),
  ],
};
