// MDN's HTTP Observatory scan of a host on given ports, printed as JSON like the package's own CLI prints it.
// Usage: node score.mjs <host> <http port> <https port>. The certificate must be trusted (NODE_EXTRA_CA_CERTS):
// the scorer gives no HSTS or redirection credit to a site whose certificate it cannot verify.
import { register } from "node:module";

register("./local-ports.mjs", import.meta.url);
const { scan } = await import("@mdn/mdn-http-observatory");

const [host, httpPort, httpsPort] = process.argv.slice(2);
try {
  const result = await scan(host, { httpPort, httpsPort });
  const tests = Object.fromEntries(
    Object.entries(result.tests).map(([name, { scoreDescription, ...rest }]) => [name, rest]),
  );
  console.log(JSON.stringify({ scan: result.scan, tests }, null, 2));
} catch (error) {
  console.log(JSON.stringify({ error: error.message }));
  process.exit(1);
}
