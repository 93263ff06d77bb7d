// typst-batch.js — Typst through @myriaddreamin/typst-ts-node-compiler, one process for a
// batch (make bench): one compiler (fonts from fonts/ loaded once), then every Typst source of
// LIST compiled to OUTDIR/NAME.pdf, evicting old memoised results as the typst CLI does.
//   node typst-batch.js FONTDIR LIST OUTDIR      or      node typst-batch.js FONTDIR IN.typ OUT.pdf
const path = require('path');
const fs = require('fs');
const { NodeCompiler } = require(path.join(__dirname, 'node_modules/@myriaddreamin/typst-ts-node-compiler'));

const [fontdir, input, output] = process.argv.slice(2);
const compiler = NodeCompiler.create({ workspace: '/', fontArgs: [{ fontPaths: [fontdir] }] });

function one(src, out) {
  const r = compiler.compile({ mainFileContent: fs.readFileSync(src, 'utf8') });
  if (r.hasError()) {
    r.printErrors();
    return false;
  }
  fs.writeFileSync(out, compiler.pdf(r.result, { creationTimestamp: 1767225600 }));
  compiler.evictCache(10);
  return true;
}

let ok = true;
if (input.endsWith('.typ')) {
  ok = one(input, output);
} else {
  for (const f of fs.readFileSync(input, 'utf8').split('\n')) {
    if (f) ok = one(f, path.join(output, path.basename(f, '.typ') + '.pdf')) && ok;
  }
}
process.exit(ok ? 0 : 1);
