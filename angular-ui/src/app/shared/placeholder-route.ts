import type { Route } from '@angular/router';
import type { TranslationKey } from '../core/i18n/vi';
import { PlaceholderPage } from './placeholder-page';

type PageOf<K> = K extends `page.${infer Page}.title` ? Page : never;
/** Every `<id>` with a `page.<id>.title` key; `page.<id>.desc` is checked below. */
export type PageId = PageOf<TranslationKey>;

/**
 * A route showing `PlaceholderPage` for page `<id>`; `data` feeds both the component inputs
 * (`withComponentInputBinding`) and the translated document title.
 */
export function placeholderRoute(path: string, id: PageId, sectionKey?: TranslationKey): Route {
  const titleKey = `page.${id}.title` satisfies TranslationKey;
  const descKey = `page.${id}.desc` satisfies TranslationKey;
  return { path, component: PlaceholderPage, data: { titleKey, descKey, sectionKey } };
}
