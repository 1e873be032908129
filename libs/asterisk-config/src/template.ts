// Pure functions, no imports: also loaded directly by scripts/ (Node type stripping).

export class TemplateError extends Error {
  override name = 'TemplateError';
  readonly missing: string[];

  constructor(missing: string[]) {
    super(`asterisk-conf uses unknown placeholders: ${missing.join(', ')}`);
    this.missing = missing;
  }
}

export type TemplateValues = Record<string, string | number>;

const TOKEN = /\{\{([A-Z0-9_]+)\}\}/g;
// A value must not be able to start a new line, section or directive of an Asterisk file.
const UNSAFE = /[\r\n;[\]#]/;

/**
 * Renders every `{{NAME}}` of every template. All-or-nothing: any unknown token or unsafe
 * value throws before anything is returned, so no half-rendered configuration exists.
 */
export function renderTemplates(
  templates: ReadonlyMap<string, string>,
  values: TemplateValues,
): Map<string, string> {
  for (const [key, value] of Object.entries(values)) {
    if (UNSAFE.test(String(value)))
      throw new Error(`value of ${key} contains a character not allowed in Asterisk config`);
  }
  const missing = new Set<string>();
  const rendered = new Map<string, string>();
  for (const [name, text] of templates) {
    rendered.set(
      name,
      text.replace(TOKEN, (_, key: string) => {
        if (!(key in values)) missing.add(key);
        return String(values[key] ?? '');
      }),
    );
  }
  if (missing.size) throw new TemplateError([...missing].sort());
  return rendered;
}
