import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { renderTemplates, TemplateError } from '#asterisk-config';

describe('renderTemplates', () => {
  it('given tokens with values when rendered then every token is replaced', () => {
    const out = renderTemplates(new Map([['a.conf', 'port = {{PORT}}\nuser = {{USER}}']]), {
      PORT: 5038,
      USER: 'u1',
    });
    expect(out.get('a.conf')).toBe('port = 5038\nuser = u1');
  });

  it('given unknown tokens when rendered then it throws listing them and returns nothing', () => {
    expect(() => renderTemplates(new Map([['a.conf', '{{B}} {{A}} {{B}}']]), {})).toThrow(TemplateError);
    try {
      renderTemplates(new Map([['a.conf', '{{B}} {{A}}']]), {});
    } catch (err) {
      expect((err as TemplateError).missing).toEqual(['A', 'B']);
    }
  });

  it.each(['x\ny', 'x;comment', 'x[section]', '#include evil'])(
    'given an unsafe value %j when rendered then it throws',
    (value) => {
      expect(() => renderTemplates(new Map([['a.conf', '{{V}}']]), { V: value })).toThrow(/not allowed/);
    },
  );

  it('given the shipped asterisk-conf when rendered with the stack placeholders then none is unknown', () => {
    const dir = path.resolve('asterisk-conf');
    const templates = new Map(
      readdirSync(dir)
        .filter((f) => f.endsWith('.conf'))
        .map((f) => [f, readFileSync(path.join(dir, f), 'utf8')] as const),
    );
    const keys = [
      ...new Set(
        [...templates.values()].flatMap((t) => [...t.matchAll(/\{\{([A-Z0-9_]+)\}\}/g)].map((m) => m[1])),
      ),
    ];
    const rendered = renderTemplates(templates, Object.fromEntries(keys.map((k) => [k, 'v'])));
    expect(keys.sort()).toEqual(
      [
        'AMI_BIND',
        'AMI_PERMIT',
        'AMI_PORT',
        'AMI_SECRET',
        'AMI_USERNAME',
        'ARI_PASSWORD',
        'ARI_PORT',
        'ARI_USERNAME',
        'AST_DB_DIR',
        'AST_ETC_DIR',
        'AST_LOG_DIR',
        'AST_RUN_DIR',
        'AST_SPOOL_DIR',
        'DEMO_TENANT_ID',
        'HTTP_BIND',
        'HTTP_PORT',
        'RTP_END',
        'RTP_START',
        'SIP_BIND',
        'SIP_PORT',
      ].sort(),
    );
    expect([...rendered.values()].join('')).not.toMatch(/\{\{/);
  });
});
