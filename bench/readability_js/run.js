// run.js -- Mozilla Readability.js over the HTML files named on the command
// line (plain or .gz), in one process; prints "pages N seconds S" on stdout.
// Used by bench/extract_speed.sh as the Readability.js reference.
"use strict";
const fs = require("fs");
const zlib = require("zlib");
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");

const files = process.argv.slice(2);
const quiet = new VirtualConsole(); // page scripts never run; silence CSS errors
const t0 = process.hrtime.bigint();
let n = 0;
for (const f of files) {
  let html = fs.readFileSync(f);
  if (f.endsWith(".gz")) html = zlib.gunzipSync(html);
  try {
    const dom = new JSDOM(html.toString("utf8"), { virtualConsole: quiet });
    new Readability(dom.window.document).parse();
    dom.window.close();
  } catch (e) {
    // a page Readability cannot handle still counts as processed
  }
  n++;
}
const s = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`pages ${n} seconds ${s.toFixed(3)}`);
