// The lexicon-scorer baseline of bench/speed: the npm `sentiment` package (AFINN word lookup)
// scores the review and the reply of every line of a JSONL file, as `tact score` would read it
// (read, split into lines, JSON.parse). Prints "pairs bytes seconds" (the time covers reading,
// parsing and scoring, not node's start or loading the package).
//   node bench/sentiment_speed.mjs FILE
import { openSync, readSync, closeSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Sentiment = require('sentiment');

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/sentiment_speed.mjs FILE');
  process.exit(2);
}
const sentiment = new Sentiment();
const start = performance.now();
const fd = openSync(file, 'r');
const buffer = Buffer.allocUnsafe(1 << 20);
let carry = Buffer.alloc(0);
let pairs = 0;
let bytes = 0;
let total = 0; // keeps the scores observable
const scoreLine = (line) => {
  if (line.length === 0) return;
  const request = JSON.parse(line);
  total += sentiment.analyze(String(request.review ?? '')).score;
  total += sentiment.analyze(String(request.reply ?? '')).score;
  ++pairs;
};
for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0;) {
  bytes += n;
  let chunk = buffer.subarray(0, n);
  for (let nl; (nl = chunk.indexOf(10)) >= 0;) {
    const line = carry.length ? Buffer.concat([carry, chunk.subarray(0, nl)]) : chunk.subarray(0, nl);
    carry = Buffer.alloc(0);
    scoreLine(line.toString('utf8'));
    chunk = chunk.subarray(nl + 1);
  }
  carry = Buffer.concat([carry, chunk]);
}
scoreLine(carry.toString('utf8'));
closeSync(fd);
const seconds = (performance.now() - start) / 1000;
console.log(`${pairs} ${bytes} ${seconds.toFixed(6)}`);
if (!Number.isFinite(total)) process.exit(1);
