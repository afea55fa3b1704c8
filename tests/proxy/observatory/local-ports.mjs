// Module hook for score.mjs. MDN's scan(hostname, options) of 1.4.x calls retrieve(hostname) without its options,
// so it can only reach ports 80 and 443; a local nginx listens on free high ports. This hook hands that one call
// the options scan() was given (as later versions of the package do); every other line runs as published. If the
// call is not found exactly once, the package changed and the scoring stops here rather than guess.
const SCANNER = "/@mdn/mdn-http-observatory/src/scanner/index.js";
const CALL = "await retrieve(hostname);";

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  if (!url.endsWith(SCANNER)) {
    return result;
  }
  const source = typeof result.source === "string" ? result.source : new TextDecoder().decode(result.source);
  if (source.split(CALL).length !== 2) {
    throw new Error(`expected one "${CALL}" in ${url}: the package changed, see tests/proxy/observatory`);
  }
  return { ...result, source: source.replace(CALL, "await retrieve(hostname, options);") };
}
