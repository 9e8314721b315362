// Government hosts Qingyue runs on by default (the bare domains too).
export const GOV_MATCHES = [
  '*://*.gov.cn/*',
  '*://gov.cn/*',
  '*://*.gov.tw/*',
  '*://gov.tw/*',
  '*://*.gov.hk/*',
  '*://gov.hk/*',
  '*://*.gov.mo/*',
  '*://gov.mo/*',
];

const GOV_HOST = /(^|\.)gov\.(cn|tw|hk|mo)$/i;

export function isGovHost(hostname: string): boolean {
  return GOV_HOST.test(hostname);
}

/** The match pattern that "Always run on this site" asks permission for. */
export function originPatternFor(hostname: string): string {
  return `*://${hostname}/*`;
}
