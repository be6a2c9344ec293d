// The report demo page: a dropped (or picked) CSV/JSONL file is scored in a Web Worker
// (report/worker.js, the report wasm module), with a progress bar and a cancel button; the
// insights are then rendered by report/render.js. The file never leaves the page.
//
// For the tests: window.tactReportReady (true once wired), and window.tactReportState:
// {state: 'idle'|'running'|'done'|'cancelled'|'error', insights, json, rows, bytes, total, ms}.
import { renderReport } from '../report/render.js';

const $ = (id) => document.getElementById(id);
const drop = $('drop');
const input = $('file');
const run = $('run');
const progress = $('progress');
const progressText = $('progress-text');
const cancelButton = $('cancel');
const status = $('status');
const reportRoot = $('report');
const toolbar = $('toolbar');
const langSelect = $('report-lang');
const downloadButton = $('download');

const numbers = new Intl.NumberFormat('fr-FR');
const state = { state: 'idle' };
window.tactReportState = state;

let worker = null;
let downloadUrl = null;

function setStatus(text, kind = 'info') {
  status.textContent = text;
  status.setAttribute('data-kind', kind);
}

function clearReport() {
  while (reportRoot.firstChild) reportRoot.removeChild(reportRoot.firstChild);
  toolbar.hidden = true;
}

function stopWorker() {
  if (worker) {
    worker.terminate();
    worker = null;
  }
}

function options(file) {
  const map = {};
  for (const field of ['review', 'reply', 'author', 'rating', 'date']) {
    const value = $(`map-${field}`).value.trim();
    if (value) map[field] = value;
  }
  const name = file.name?.toLowerCase() ?? '';
  const format = /\.(jsonl|ndjson)$/.test(name) ? 'jsonl' : /\.(csv|tsv|txt)$/.test(name) ? 'csv' : 'auto';
  return { format, map, sep: $('sep').value, lang: 'auto' };
}

function showProgress(bytes, total, rows) {
  const pct = total > 0 ? Math.floor((bytes / total) * 100) : 100;
  progress.value = pct;
  progressText.textContent = `${pct} % · ${numbers.format(rows)} ligne${rows > 1 ? 's' : ''} traitée${rows > 1 ? 's' : ''}`;
  Object.assign(state, { bytes, total, rows, percent: pct });
}

function render() {
  if (!state.insights) return;
  renderReport(reportRoot, state.insights, { lang: langSelect.value }).charts.then(() => {
    reportRoot.setAttribute('data-ready', 'true');
  });
}

// Under Trusted Types (require-trusted-types-for 'script'), a worker's URL must come from a
// policy: this one lets through the report worker's own URL and nothing else. The page's CSP
// allows it by name (trusted-types tact-report).
const WORKER_URL = new URL('../report/worker.js', import.meta.url).href;
const workerPolicy = globalThis.trustedTypes?.createPolicy?.('tact-report', {
  createScriptURL(url) {
    if (url !== WORKER_URL) throw new TypeError(`not the report worker: ${url}`);
    return url;
  },
});

function workerScriptUrl() {
  return workerPolicy ? workerPolicy.createScriptURL(WORKER_URL) : WORKER_URL;
}

function start(file) {
  stopWorker();
  clearReport();
  reportRoot.removeAttribute('data-ready');
  Object.assign(state, { state: 'running', insights: null, json: null, rows: 0, bytes: 0, total: file.size, percent: 0, ms: 0 });
  run.hidden = false;
  cancelButton.hidden = false;
  $('file-name').textContent = `${file.name || 'fichier'} · ${numbers.format(Math.ceil(file.size / 1024))} Ko`;
  showProgress(0, file.size, 0);
  setStatus('Chargement du module de notation…');
  worker = new Worker(workerScriptUrl(), { type: 'module' });
  worker.addEventListener('message', (event) => {
    const message = event.data;
    if (message.type === 'ready') {
      setStatus('Notation en cours…');
    } else if (message.type === 'progress') {
      showProgress(message.bytes, message.total, message.rows);
    } else if (message.type === 'done') {
      stopWorker();
      showProgress(message.total, message.total, message.rows);
      cancelButton.hidden = true;
      let insights;
      try {
        insights = JSON.parse(message.json);
      } catch (error) {
        Object.assign(state, { state: 'error', error: error.message });
        setStatus(`Résultat illisible : ${error.message}`, 'error');
        return;
      }
      Object.assign(state, { state: 'done', insights, json: message.json, ms: message.ms });
      setStatus(`${numbers.format(insights.scored ?? 0)} réponses notées en ${(message.ms / 1000).toLocaleString('fr-FR', { maximumFractionDigits: message.ms < 1000 ? 2 : 1 })} s` +
        (insights.errors ? ` · ${numbers.format(insights.errors)} ligne(s) en erreur` : '') + '.');
      toolbar.hidden = false;
      render();
    } else if (message.type === 'error') {
      stopWorker();
      cancelButton.hidden = true;
      Object.assign(state, { state: 'error', error: message.message });
      setStatus(`Le fichier n’a pas pu être lu : ${message.message}`, 'error');
    }
  });
  worker.addEventListener('error', (event) => {
    stopWorker();
    cancelButton.hidden = true;
    Object.assign(state, { state: 'error', error: event.message || 'worker error' });
    setStatus(`Le module de notation n’a pas pu démarrer${event.message ? ` : ${event.message}` : ''}.`, 'error');
  });
  worker.postMessage({ type: 'start', file, options: options(file) });
}

cancelButton.addEventListener('click', () => {
  if (state.state !== 'running') return;
  stopWorker();
  cancelButton.hidden = true;
  Object.assign(state, { state: 'cancelled' });
  setStatus(`Annulé à ${state.percent} % : aucun rapport.`);
  input.value = '';
});

input.addEventListener('change', () => {
  if (input.files?.[0]) start(input.files[0]);
});

drop.addEventListener('dragover', (event) => {
  event.preventDefault();
  event.dataTransfer.dropEffect = 'copy';
  drop.setAttribute('data-over', '');
});
drop.addEventListener('dragleave', () => drop.removeAttribute('data-over'));
drop.addEventListener('drop', (event) => {
  event.preventDefault();
  drop.removeAttribute('data-over');
  const file = event.dataTransfer?.files?.[0];
  if (file) start(file);
});
// A file dropped next to the zone must not make the browser navigate away to it.
window.addEventListener('dragover', (event) => event.preventDefault());
window.addEventListener('drop', (event) => event.preventDefault());

langSelect.addEventListener('change', render);

downloadButton.addEventListener('click', () => {
  if (!state.json) return;
  if (downloadUrl) URL.revokeObjectURL(downloadUrl);
  downloadUrl = URL.createObjectURL(new Blob([state.json], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = downloadUrl;
  a.download = 'tact-insights.json';
  document.body.appendChild(a);
  a.click();
  a.remove();
});

window.tactReportReady = true;
