/**
 * Another tab of the shop, as far as a test needs one: it listens on the widgets' channel and keeps the notices about
 * one tenant (the browser's other tabs run other test files, whose pages send notices of their own).
 */
export function otherTabHearing(tenant: string): { heard: unknown[]; close(): void } {
  const heard: unknown[] = [];
  const channel = new BroadcastChannel('omneo-widgets');
  channel.onmessage = ({ data }: MessageEvent<{ scope?: unknown } | null>) => {
    if (typeof data?.scope === 'string' && data.scope.startsWith(tenant)) heard.push(data);
  };
  return { heard, close: () => channel.close() };
}
