// Shape of .runtime/<profile>/stack.json: how tests and the benchmark reach the servers of a run.
// No imports: read by scripts (Node type stripping) and by the test suites (ts-jest) alike.

export interface StackInfo {
  profile: 'dev' | 'test' | 'bench';
  /** Environment for api and callflow processes (database URL, ARI/AMI credentials, ports). */
  env: Record<string, string>;
  /** Extra environment of callflow processes only (ASTERISK_PROMPTS_DIR: the prompts as Asterisk sees them). */
  callflowEnv: Record<string, string>;
  ports: {
    http: number;
    ari: number;
    ami: number;
    sip: number;
    /** SIP over TLS. */
    sipTls: number;
    db: number;
    callflowStatus: number;
    /** Local SMTP sink: SMTP in, web page + JSON out. */
    smtp: number;
    mailSink: number;
    rtpStart: number;
    rtpEnd: number;
  };
  /** Command prefix for `asterisk -rx` against this instance; null for an external Asterisk. */
  asteriskCli: string[] | null;
  callflowStatusUrl: string;
  apiUrl: string;
  /** Web page and JSON API of the SMTP sink (`GET /api/messages`); null when mail is external. */
  mailSinkUrl: string | null;
  demoTenantId: number;
  /** The seeded demo accounts of this run (tests log in with them). */
  logins: { operator: { email: string; password: string }; admin: { email: string; password: string } };
}
