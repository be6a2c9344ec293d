// The team report: renders the insights JSON (core/insights.md, insights_version 1) into `root`.
//
//   import { renderReport } from './render.js';
//   renderReport(document.querySelector('#report'), insights, { lang: 'fr' });   // or 'en'
//
// Every text of the insights comes from reviews and replies, so from strangers: the DOM is built
// with createElement, textContent and setAttribute only (never innerHTML and the like). Charts
// (charts.js, Chartist SVG) sit next to tables holding the same numbers; the tables sort by any
// column (a button in each header, aria-sort on the header). Works with any DOM implementation
// that has createElement/createTextNode/setAttribute/addEventListener (tests use a tiny fake).

import { barChart, chartLibrary, columnChart, lineChart, stackedShareChart } from './charts.js';

export const REPORT_STRINGS = {
  fr: {
    locale: 'fr-FR',
    title: 'Rapport d’équipe : la qualité de vos réponses aux avis',
    subtitle: '{rows} avis lus · Tact {version}',
    periodRange: 'du {from} au {to}',
    badVersion: 'Ce rapport attend des données « insights_version » 1 (reçu : {version}).',
    nav: 'Sommaire',
    sections: {
      summary: 'En bref',
      distribution: 'Répartition des scores',
      criteria: 'Critères remplis',
      violations: 'Erreurs les plus fréquentes',
      groups: 'Selon l’avis du client',
      agents: 'Par agent',
      templates: 'Réponses copiées-collées',
      trend: 'Évolution',
      weakest: 'Les dix réponses les plus faibles',
      best: 'Les dix meilleures réponses',
    },
    rows: 'Avis lus',
    scored: 'Réponses notées',
    errors: 'Lignes en erreur',
    mean: 'Score moyen',
    median: 'médiane {median}',
    outOf: '/ 100',
    errorRows: 'Lignes non lues ({n})',
    errorLine: 'ligne {line}',
    bands: { rework: 'À retravailler', fair: 'Correct', good: 'Bien', excellent: 'Excellent' },
    bandRanges: { rework: '0–49', fair: '50–74', good: '75–89', excellent: '90–100' },
    share: '{pct} % des réponses',
    histogramLabel: 'Histogramme des scores par tranches de 10 points : {list}.',
    histogramBin: 'Scores {bin} : {n} réponses',
    bin: 'Tranche',
    count: 'Réponses',
    data: 'Voir les données',
    criterion: 'Critère',
    weight: 'Poids',
    met: 'Rempli',
    partial: 'Partiel',
    missing: 'Manquant',
    violated: 'Enfreint',
    skipped: 'Non requis',
    metRate: 'Taux',
    criteriaLabel: 'Taux de réussite par critère (sur 100) : {list}.',
    criteriaNote: 'Taux = (rempli + partiel / 2) / réponses où le critère s’applique. Excuses, solution et canal privé ne sont pas requis sous un avis positif.',
    violation: 'Erreur',
    replies: 'Réponses',
    rate: 'Part',
    violationsLabel: 'Nombre de réponses par type d’erreur : {list}.',
    noViolations: 'Aucune erreur relevée : bravo.',
    examples: 'Exemples',
    line: 'Ligne',
    polarity: 'Tonalité de l’avis',
    rating: 'Note',
    polarities: { negative: 'Avis négatif', mixed: 'Avis mitigé', positive: 'Avis positif', neutral: 'Message neutre', none: 'Sans avis' },
    stars: '{n} ★',
    noRating: 'Sans note',
    groupLabel: 'Part de chaque niveau, {what} : {list}.',
    byPolarity: 'Selon la tonalité de l’avis',
    byRating: 'Selon la note donnée',
    agent: 'Agent',
    unsigned: '(non signé)',
    agentsLabel: 'Score moyen par agent : {list}.',
    agentsNote: 'L’agent est le prénom qui signe la réponse. Les cases montrent le taux de réussite de chaque critère.',
    topViolations: 'Erreurs fréquentes',
    noAgents: 'Aucune réponse signée d’un prénom.',
    template: 'Texte (une occurrence)',
    underNegative: 'Sous un avis négatif',
    templatesNote: 'Réponses quasi identiques utilisées au moins trois fois. Une réponse toute faite sous un avis négatif donne au client le sentiment de ne pas avoir été lu.',
    noTemplates: 'Aucune réponse réutilisée trois fois ou plus.',
    lines: 'Lignes',
    period: 'Période',
    trendLabel: 'Score moyen par {unit} : {list}.',
    units: { month: 'mois', day: 'jour' },
    noTrend: 'Pas de date dans le fichier : ajoutez une colonne date pour suivre l’évolution.',
    score: 'Score',
    band: 'Niveau',
    review: 'Avis',
    reply: 'Réponse',
    problems: 'Problèmes',
    none: '—',
    sortBy: 'Trier par {col}',
    empty: 'Aucune réponse notée dans ce fichier.',
  },
  en: {
    locale: 'en-GB',
    title: 'Team report: how good are your replies to reviews',
    subtitle: '{rows} reviews read · Tact {version}',
    periodRange: 'from {from} to {to}',
    badVersion: 'This report expects "insights_version" 1 data (got: {version}).',
    nav: 'Contents',
    sections: {
      summary: 'At a glance',
      distribution: 'Score distribution',
      criteria: 'Criteria met',
      violations: 'Most frequent mistakes',
      groups: 'By the customer’s review',
      agents: 'By agent',
      templates: 'Copy-pasted replies',
      trend: 'Trend',
      weakest: 'The ten weakest replies',
      best: 'The ten best replies',
    },
    rows: 'Reviews read',
    scored: 'Replies scored',
    errors: 'Rows in error',
    mean: 'Mean score',
    median: 'median {median}',
    outOf: '/ 100',
    errorRows: 'Rows not read ({n})',
    errorLine: 'line {line}',
    bands: { rework: 'Needs rework', fair: 'Fair', good: 'Good', excellent: 'Excellent' },
    bandRanges: { rework: '0–49', fair: '50–74', good: '75–89', excellent: '90–100' },
    share: '{pct} % of replies',
    histogramLabel: 'Histogram of scores in steps of 10 points: {list}.',
    histogramBin: 'Scores {bin}: {n} replies',
    bin: 'Scores',
    count: 'Replies',
    data: 'Show the data',
    criterion: 'Criterion',
    weight: 'Weight',
    met: 'Met',
    partial: 'Partial',
    missing: 'Missing',
    violated: 'Violated',
    skipped: 'Not needed',
    metRate: 'Rate',
    criteriaLabel: 'Success rate per criterion (out of 100): {list}.',
    criteriaNote: 'Rate = (met + partial / 2) / replies the criterion applies to. Apology, solution and private channel are not needed under a positive review.',
    violation: 'Mistake',
    replies: 'Replies',
    rate: 'Share',
    violationsLabel: 'Replies per kind of mistake: {list}.',
    noViolations: 'No mistakes found: well done.',
    examples: 'Examples',
    line: 'Line',
    polarity: 'Review tone',
    rating: 'Rating',
    polarities: { negative: 'Negative review', mixed: 'Mixed review', positive: 'Positive review', neutral: 'Neutral message', none: 'No review' },
    stars: '{n} ★',
    noRating: 'No rating',
    groupLabel: 'Share of each band, {what}: {list}.',
    byPolarity: 'By the review’s tone',
    byRating: 'By the rating given',
    agent: 'Agent',
    unsigned: '(unsigned)',
    agentsLabel: 'Mean score per agent: {list}.',
    agentsNote: 'The agent is the first name signing the reply. Cells show each criterion’s success rate.',
    topViolations: 'Frequent mistakes',
    noAgents: 'No reply is signed with a first name.',
    template: 'Text (one occurrence)',
    underNegative: 'Under a negative review',
    templatesNote: 'Near-identical replies used three times or more. A stock reply under a negative review tells the customer nobody read them.',
    noTemplates: 'No reply was reused three times or more.',
    lines: 'Lines',
    period: 'Period',
    trendLabel: 'Mean score per {unit}: {list}.',
    units: { month: 'month', day: 'day' },
    noTrend: 'No dates in the file: add a date column to follow the trend.',
    score: 'Score',
    band: 'Band',
    review: 'Review',
    reply: 'Reply',
    problems: 'Problems',
    none: '—',
    sortBy: 'Sort by {col}',
    empty: 'No reply was scored in this file.',
  },
};

/** Criterion and violation labels, short enough for a chart axis. */
const LABELS = {
  fr: {
    thanks: 'Remercier', apology: 'S’excuser', understanding: 'Montrer qu’on a compris',
    solution: 'Proposer une solution', private_channel: 'Poursuivre en privé', greeting: 'Saluer',
    signature: 'Signer', length: 'Longueur lisible',
    conditional_apology: 'Excuse conditionnelle', apology_but: 'Excuse suivie d’un « mais »',
    argue: 'Débat avec le client', blame: 'Reproche au client', insult: 'Propos insultants',
    mockery: 'Ironie', minimizing: 'Minimisation', policy_wall: 'Abri derrière le règlement',
    overpromise: 'Promesse intenable', shouting: 'Ton criard (majuscules)',
    pii: 'Donnée personnelle divulguée', wrong_name: 'Mauvais prénom',
    ignores_refusal: 'Refus du client ignoré', generic: 'Réponse générique',
  },
  en: {
    thanks: 'Thank', apology: 'Apologise', understanding: 'Show you understood',
    solution: 'Offer a fix', private_channel: 'Move to private', greeting: 'Greet',
    signature: 'Sign', length: 'Readable length',
    conditional_apology: 'Conditional apology', apology_but: 'Apology then “but”',
    argue: 'Arguing', blame: 'Blaming the customer', insult: 'Insulting language',
    mockery: 'Sarcasm', minimizing: 'Minimising', policy_wall: 'Hiding behind policy',
    overpromise: 'Promise you cannot keep', shouting: 'Shouting (capitals)',
    pii: 'Private details disclosed', wrong_name: 'Wrong name',
    ignores_refusal: 'Refusal ignored', generic: 'Generic reply',
  },
};

/** Column headers of the per-agent criteria (the full label is the header's title). */
const SHORT = {
  fr: { thanks: 'Merci', apology: 'Excuses', understanding: 'Compris', solution: 'Solution',
    private_channel: 'Privé', greeting: 'Salut', signature: 'Signé', length: 'Longueur' },
  en: { thanks: 'Thanks', apology: 'Apology', understanding: 'Understood', solution: 'Fix',
    private_channel: 'Private', greeting: 'Greeting', signature: 'Signed', length: 'Length' },
};

const BANDS = ['rework', 'fair', 'good', 'excellent'];
const HISTOGRAM_BINS = ['0–9', '10–19', '20–29', '30–39', '40–49', '50–59', '60–69', '70–79', '80–89', '90–100'];

function fill(template, values) {
  return String(template).replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ''));
}

/** The band a score falls in (rubric bands: 0, 50, 75, 90). */
export function bandOf(score) {
  return score >= 90 ? 'excellent' : score >= 75 ? 'good' : score >= 50 ? 'fair' : 'rework';
}

/** The strings and number formatting of a UI language ("fr…" → French, else English). */
export function reportStrings(lang) {
  const key = String(lang ?? 'fr').toLowerCase().startsWith('en') ? 'en' : 'fr';
  const s = REPORT_STRINGS[key];
  const numbers = new Intl.NumberFormat(s.locale, { maximumFractionDigits: 1 });
  const fixed1 = new Intl.NumberFormat(s.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const month = new Intl.DateTimeFormat(s.locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const day = new Intl.DateTimeFormat(s.locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const period = (p) => {
    const text = String(p ?? '');
    let m = /^(\d{4})-(\d{2})$/.exec(text);
    if (m) return month.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
    m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (m) return day.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return text;
  };
  return {
    key,
    s,
    period,
    num: (x) => (typeof x === 'number' && Number.isFinite(x) ? numbers.format(x) : s.none),
    dec: (x) => (typeof x === 'number' && Number.isFinite(x) ? fixed1.format(x) : s.none),
    label: (id) => LABELS[key][id] ?? String(id).replace(/_/g, ' '),
    short: (id) => SHORT[key][id] ?? LABELS[key][id] ?? String(id).replace(/_/g, ' '),
    band: (id) => s.bands[id] ?? String(id),
  };
}

/** Element builder: children are nodes or strings (text nodes); attributes via setAttribute. */
function builder(doc) {
  return function h(tag, attrs, ...children) {
    const el = doc.createElement(tag);
    if (attrs) {
      for (const [name, value] of Object.entries(attrs)) {
        if (value === undefined || value === null || value === false) continue;
        if (name === 'class') el.setAttribute('class', value);
        else if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
        else el.setAttribute(name, value === true ? '' : String(value));
      }
    }
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      el.appendChild(typeof child === 'object' ? child : doc.createTextNode(String(child)));
    }
    return el;
  };
}

const list = (x) => (Array.isArray(x) ? x : []);
const numberOr = (x, fallback = 0) => (typeof x === 'number' && Number.isFinite(x) ? x : fallback);
const percent = (part, total) => (total > 0 ? (part / total) * 100 : 0);

/**
 * A table whose columns sort: each header holds a button (Enter/Space activate it), the sorted
 * header carries aria-sort. columns: [{label, value(row) → number|string, cell(row) → node|string,
 * num: bool, class}]. `initial`: {column index, dir: 'ascending'|'descending'} or none (the
 * given order).
 */
function sortableTable(h, t, { caption, captionHidden = false, columns, rows, initial, className = '' }) {
  const headers = [];
  const tbody = h('tbody');
  const trs = rows.map((row, index) => {
    const tr = h('tr', null, columns.map((c) => h(c.num ? 'td' : 'td', { class: [c.num ? 'tr-num' : '', c.class ?? ''].join(' ').trim() || undefined },
      c.cell ? c.cell(row) : c.value(row))));
    return { tr, row, index };
  });
  const order = trs.slice();
  let state = { col: -1, dir: 'none' };
  const apply = (col, dir) => {
    state = { col, dir };
    const { value } = columns[col];
    order.sort((a, b) => {
      const x = value(a.row);
      const y = value(b.row);
      let c;
      if (typeof x === 'number' && typeof y === 'number') c = x - y;
      else c = String(x).localeCompare(String(y), t.s.locale, { sensitivity: 'base', numeric: true });
      if (dir === 'descending') c = -c;
      return c || a.index - b.index;
    });
    for (const { tr } of order) tbody.appendChild(tr);
    headers.forEach((th, i) => {
      if (i === col) th.setAttribute('aria-sort', dir);
      else th.removeAttribute('aria-sort');
    });
  };
  columns.forEach((c, i) => {
    const button = h('button', {
      type: 'button',
      class: 'tr-sort',
      title: fill(t.s.sortBy, { col: c.title ?? c.label }),
      'aria-label': c.title,
      onclick: () => {
        const dir = state.col === i && state.dir === (c.num ? 'descending' : 'ascending')
          ? (c.num ? 'ascending' : 'descending')
          : (c.num ? 'descending' : 'ascending');
        apply(i, dir);
      },
    }, c.label, h('span', { class: 'tr-sort-icon', 'aria-hidden': 'true' }));
    headers.push(h('th', { scope: 'col', class: c.num ? 'tr-num' : undefined }, button));
  });
  for (const { tr } of trs) tbody.appendChild(tr);
  const table = h('table', { class: `tr-table ${className}`.trim() },
    h('caption', { class: captionHidden ? 'tr-visually-hidden' : undefined }, caption),
    h('thead', null, h('tr', null, headers)),
    tbody);
  if (initial) apply(initial.col, initial.dir);
  return h('div', { class: 'tr-table-wrap' }, table);
}

/** A figure: the chart (role=img with a spoken summary) and its data table under "Show data". */
function figure(h, t, { id, label, draw, table, className = '' }) {
  const chart = h('div', { class: `tr-chart ct-chart ${className}`.trim(), role: 'img', 'aria-label': label, id });
  const hasLibrary = chartLibrary() !== null;
  const details = table
    ? h('details', { class: 'tr-data', open: hasLibrary ? undefined : true }, h('summary', null, t.s.data), table)
    : null;
  const fig = h('figure', { class: 'tr-figure' }, hasLibrary ? chart : null, details);
  if (hasLibrary) fig.tactDraw = () => draw(chart);
  return fig;
}

function bandBadge(h, t, band) {
  return h('span', { class: 'tr-band', 'data-band': band }, t.band(band));
}

function scoreCell(h, score) {
  return h('span', { class: 'tr-score', 'data-band': bandOf(score) }, String(score));
}

function section(h, t, key, ...content) {
  return h('section', { class: `tr-section tr-${key}`, id: `tr-${key}`, 'aria-labelledby': `tr-${key}-title` },
    h('h2', { id: `tr-${key}-title` }, t.s.sections[key]), ...content);
}

function note(h, text) {
  return h('p', { class: 'tr-note' }, text);
}

function summarySection(h, t, ins) {
  const { s } = t;
  const scored = numberOr(ins.scored);
  const tile = (key, label, value, extra, attrs = {}) => h('div', { class: `tr-tile tr-tile-${key}`, ...attrs },
    h('div', { class: 'tr-tile-label' }, label),
    h('div', { class: 'tr-tile-value', 'data-key': key, 'data-value': String(value) }, extra?.display ?? t.num(value)),
    extra?.sub ? h('div', { class: 'tr-tile-sub' }, extra.sub) : null);
  const mean = ins.score?.mean;
  const tiles = h('div', { class: 'tr-tiles' },
    tile('rows', s.rows, numberOr(ins.rows)),
    tile('scored', s.scored, scored),
    tile('errors', s.errors, numberOr(ins.errors), null, numberOr(ins.errors) > 0 ? { 'data-alert': 'true' } : {}),
    tile('mean', s.mean, numberOr(mean, NaN), {
      display: h('span', null, t.dec(mean), h('small', null, ` ${s.outOf}`)),
      sub: typeof ins.score?.median === 'number' ? fill(s.median, { median: t.num(ins.score.median) }) : null,
    }, typeof mean === 'number' ? { 'data-band': bandOf(mean) } : {}));
  const bandList = list(ins.bands);
  const bands = h('div', { class: 'tr-band-tiles' }, bandList.map((b) => h('div', { class: 'tr-band-tile', 'data-band': b.band },
    h('div', { class: 'tr-band-name' }, t.band(b.band), h('span', { class: 'tr-band-range' }, ` ${s.bandRanges[b.band] ?? ''}`)),
    h('div', { class: 'tr-band-count', 'data-band-count': b.band, 'data-value': String(numberOr(b.count)) }, t.num(numberOr(b.count))),
    h('div', { class: 'tr-band-share' }, fill(s.share, { pct: t.dec(percent(numberOr(b.count), scored)) })))));
  const errorRows = list(ins.error_rows);
  const errors = errorRows.length
    ? h('details', { class: 'tr-errors' }, h('summary', null, fill(s.errorRows, { n: t.num(numberOr(ins.errors, errorRows.length)) })),
      h('ul', null, errorRows.map((e) => h('li', null, h('span', { class: 'tr-line' }, fill(s.errorLine, { line: e.line })), ' ', String(e.error ?? '')))))
    : null;
  return section(h, t, 'summary', tiles, bands, errors);
}

function distributionSection(h, t, ins) {
  const { s } = t;
  const hist = list(ins.score?.histogram).map((x) => numberOr(x));
  const bins = HISTOGRAM_BINS.slice(0, hist.length);
  const classes = bins.map((_, i) => `tr-band-${bandOf(i * 10)}`);
  const titles = bins.map((bin, i) => fill(s.histogramBin, { bin, n: t.num(hist[i]) }));
  const table = sortableTable(h, t, {
    caption: s.sections.distribution,
    captionHidden: true,
    columns: [
      { label: s.bin, value: (r) => r.i, cell: (r) => r.bin },
      { label: s.count, num: true, value: (r) => r.n, cell: (r) => t.num(r.n) },
      { label: s.rate, num: true, value: (r) => r.n, cell: (r) => `${t.dec(percent(r.n, numberOr(ins.scored)))} %` },
    ],
    rows: bins.map((bin, i) => ({ i, bin, n: hist[i] })),
  });
  return section(h, t, 'distribution', figure(h, t, {
    id: 'tr-chart-histogram',
    label: fill(s.histogramLabel, { list: bins.map((b, i) => `${b} : ${hist[i]}`).join(', ') }),
    draw: (el) => columnChart(el, { labels: bins, values: hist, classes, titles, format: t.num }),
    table,
    className: 'tr-chart-histogram',
  }));
}

function criteriaSection(h, t, ins) {
  const { s } = t;
  const criteria = list(ins.criteria);
  const table = sortableTable(h, t, {
    caption: s.sections.criteria,
    captionHidden: true,
    columns: [
      { label: s.criterion, value: (c) => t.label(c.id) },
      { label: s.weight, num: true, value: (c) => numberOr(c.weight), cell: (c) => t.num(c.weight) },
      { label: s.met, num: true, value: (c) => numberOr(c.met), cell: (c) => t.num(c.met) },
      { label: s.partial, num: true, value: (c) => numberOr(c.partial), cell: (c) => t.num(c.partial) },
      { label: s.missing, num: true, value: (c) => numberOr(c.missing), cell: (c) => t.num(c.missing) },
      { label: s.violated, num: true, value: (c) => numberOr(c.violated), cell: (c) => t.num(c.violated) },
      { label: s.skipped, num: true, value: (c) => numberOr(c.skipped), cell: (c) => t.num(c.skipped) },
      { label: s.metRate, num: true, value: (c) => numberOr(c.met_rate), cell: (c) => `${t.dec(c.met_rate)} %` },
    ],
    rows: criteria,
  });
  const rateClass = (r) => (r >= 75 ? 'tr-rate-high' : r >= 50 ? 'tr-rate-mid' : 'tr-rate-low');
  return section(h, t, 'criteria', figure(h, t, {
    id: 'tr-chart-criteria',
    label: fill(s.criteriaLabel, { list: criteria.map((c) => `${t.label(c.id)} ${t.dec(c.met_rate)}`).join(', ') }),
    draw: (el) => barChart(el, {
      labels: criteria.map((c) => t.label(c.id)),
      values: criteria.map((c) => numberOr(c.met_rate)),
      classes: criteria.map((c) => rateClass(numberOr(c.met_rate))),
      titles: criteria.map((c) => `${t.label(c.id)} : ${t.dec(c.met_rate)} %`),
      max: 100,
      labelWidth: 190,
      format: (x) => `${t.dec(x)} %`,
      percentAxis: true,
    }),
    table,
  }), note(h, s.criteriaNote));
}

function violationsSection(h, t, ins) {
  const { s } = t;
  const violations = list(ins.violations);
  if (!violations.length) return section(h, t, 'violations', note(h, s.noViolations));
  const table = sortableTable(h, t, {
    caption: s.sections.violations,
    captionHidden: true,
    columns: [
      { label: s.violation, value: (v) => t.label(v.id) },
      { label: s.replies, num: true, value: (v) => numberOr(v.replies), cell: (v) => t.num(v.replies) },
      { label: s.rate, num: true, value: (v) => numberOr(v.rate), cell: (v) => `${t.dec(v.rate)} %` },
    ],
    rows: violations,
  });
  const cards = h('ol', { class: 'tr-violation-list' }, violations.map((v) => h('li', { class: 'tr-violation', 'data-id': v.id },
    h('div', { class: 'tr-violation-head' },
      h('span', { class: 'tr-violation-name' }, t.label(v.id)),
      h('span', { class: 'tr-violation-count' }, `${t.num(v.replies)} · ${t.dec(v.rate)} %`)),
    list(v.examples).length
      ? h('ul', { class: 'tr-examples', 'aria-label': `${s.examples} : ${t.label(v.id)}` }, list(v.examples).map((e) => h('li', null,
        h('q', { class: 'tr-span' }, String(e.text ?? '')),
        h('span', { class: 'tr-example-meta' }, `${s.line} ${e.line}${e.id ? ` · ${e.id}` : ''}`),
        e.message ? h('span', { class: 'tr-example-message' }, String(e.message)) : null)))
      : null)));
  return section(h, t, 'violations', figure(h, t, {
    id: 'tr-chart-violations',
    label: fill(s.violationsLabel, { list: violations.map((v) => `${t.label(v.id)} ${v.replies}`).join(', ') }),
    draw: (el) => barChart(el, {
      labels: violations.map((v) => t.label(v.id)),
      values: violations.map((v) => numberOr(v.replies)),
      classes: violations.map(() => 'tr-bar-violation'),
      titles: violations.map((v) => `${t.label(v.id)} : ${v.replies} (${t.dec(v.rate)} %)`),
      labelWidth: 210,
      format: t.num,
    }),
    table,
  }), cards);
}

function bandCells(h, t) {
  return BANDS.map((band, i) => ({
    label: t.band(band),
    num: true,
    value: (g) => percent(numberOr(list(g.bands)[i]), numberOr(g.count)),
    cell: (g) => h('span', { class: 'tr-band-cell', 'data-band': band },
      `${t.num(numberOr(list(g.bands)[i]))}`, h('small', null, ` (${t.dec(percent(numberOr(list(g.bands)[i]), numberOr(g.count)))} %)`)),
  }));
}

function groupFigure(h, t, { id, what, groups, keyLabel, keyName }) {
  const { s } = t;
  const labels = groups.map(keyLabel);
  const table = sortableTable(h, t, {
    caption: what,
    columns: [
      { label: keyName, value: (g) => groups.indexOf(g), cell: keyLabel },
      { label: s.count, num: true, value: (g) => numberOr(g.count), cell: (g) => t.num(g.count) },
      { label: s.mean, num: true, value: (g) => numberOr(g.mean), cell: (g) => h('span', { class: 'tr-score', 'data-band': bandOf(numberOr(g.mean)) }, t.dec(g.mean)) },
      ...bandCells(h, t),
    ],
    rows: groups,
  });
  return h('div', { class: 'tr-group' }, h('h3', null, what), figure(h, t, {
    id,
    label: fill(s.groupLabel, {
      what,
      list: groups.map((g, i) => `${labels[i]} (${g.count}) : ${BANDS.map((b, j) => `${t.band(b)} ${t.dec(percent(numberOr(list(g.bands)[j]), numberOr(g.count)))} %`).join(', ')}`).join(' ; '),
    }),
    draw: (el) => stackedShareChart(el, {
      labels: groups.map((g, i) => `${labels[i]} · ${t.dec(g.mean)}`),
      bands: BANDS,
      counts: groups.map((g) => BANDS.map((_, j) => numberOr(list(g.bands)[j]))),
      bandLabels: t.s.bands,
      labelWidth: 170,
      format: t.dec,
    }),
    table,
  }));
}

function legend(h, t) {
  return h('ul', { class: 'tr-legend', 'aria-hidden': 'true' }, BANDS.map((b) => h('li', { 'data-band': b },
    h('span', { class: 'tr-swatch' }), t.band(b))));
}

function groupsSection(h, t, ins) {
  const { s } = t;
  const polarity = list(ins.by_polarity).filter((g) => numberOr(g.count) > 0);
  const rating = list(ins.by_rating).filter((g) => numberOr(g.count) > 0);
  return section(h, t, 'groups', legend(h, t),
    h('div', { class: 'tr-two' },
      groupFigure(h, t, {
        id: 'tr-chart-polarity', what: s.byPolarity, groups: polarity, keyName: s.polarity,
        keyLabel: (g) => s.polarities[g.key] ?? String(g.key),
      }),
      groupFigure(h, t, {
        id: 'tr-chart-rating', what: s.byRating, groups: rating, keyName: s.rating,
        keyLabel: (g) => (g.key === 'none' ? s.noRating : fill(s.stars, { n: g.key })),
      })));
}

function agentsSection(h, t, ins) {
  const { s } = t;
  const agents = list(ins.agents);
  if (!agents.length) return section(h, t, 'agents', note(h, s.noAgents));
  const criteria = list(ins.criteria).map((c) => c.id);
  const name = (a) => (a.agent ? String(a.agent) : s.unsigned);
  const rateClass = (r) => (r >= 75 ? 'tr-rate-high' : r >= 50 ? 'tr-rate-mid' : 'tr-rate-low');
  const table = sortableTable(h, t, {
    caption: s.sections.agents,
    captionHidden: true,
    className: 'tr-agents-table',
    columns: [
      {
        label: s.agent,
        value: (a) => name(a),
        cell: (a) => h('div', null, h('span', { class: a.agent ? 'tr-agent' : 'tr-agent tr-unsigned' }, name(a)),
          list(a.violations).length
            ? h('div', { class: 'tr-chips', 'aria-label': s.topViolations },
              list(a.violations).slice(0, 2).map((v) => h('span', { class: 'tr-chip' }, `${t.label(v.id)} ${v.replies}`)))
            : null),
      },
      { label: s.count, num: true, value: (a) => numberOr(a.count), cell: (a) => t.num(a.count) },
      { label: s.mean, num: true, value: (a) => numberOr(a.mean), cell: (a) => h('span', { class: 'tr-score', 'data-band': bandOf(numberOr(a.mean)) }, t.dec(a.mean)) },
      {
        label: t.band('rework'), num: true,
        value: (a) => percent(numberOr(list(a.bands)[0]), numberOr(a.count)),
        cell: (a) => `${t.dec(percent(numberOr(list(a.bands)[0]), numberOr(a.count)))} %`,
      },
      ...criteria.map((id, i) => ({
        label: t.short(id), title: t.label(id), num: true, class: 'tr-heat',
        value: (a) => numberOr(list(a.criteria)[i], -1),
        cell: (a) => {
          const r = list(a.criteria)[i];
          return typeof r === 'number' ? h('span', { class: `tr-heat-cell ${rateClass(r)}` }, t.dec(r)) : s.none;
        },
      })),
    ],
    rows: agents,
  });
  return section(h, t, 'agents', legend(h, t), figure(h, t, {
    id: 'tr-chart-agents',
    label: fill(s.agentsLabel, { list: agents.map((a) => `${name(a)} ${t.dec(a.mean)} (${a.count})`).join(', ') }),
    draw: (el) => stackedShareChart(el, {
      labels: agents.map((a) => `${name(a)} · ${t.dec(a.mean)}`),
      bands: BANDS,
      counts: agents.map((a) => BANDS.map((_, j) => numberOr(list(a.bands)[j]))),
      bandLabels: t.s.bands,
      labelWidth: 170,
      format: t.dec,
    }),
    table: null,
  }), note(h, s.agentsNote), table);
}

function templatesSection(h, t, ins) {
  const { s } = t;
  const templates = list(ins.templates);
  if (!templates.length) return section(h, t, 'templates', note(h, s.noTemplates));
  const table = sortableTable(h, t, {
    caption: s.sections.templates,
    captionHidden: true,
    className: 'tr-templates-table',
    columns: [
      { label: s.template, value: (x) => String(x.text ?? ''), cell: (x) => h('blockquote', { class: 'tr-quote' }, String(x.text ?? '')), class: 'tr-text' },
      { label: s.replies, num: true, value: (x) => numberOr(x.replies), cell: (x) => t.num(x.replies) },
      {
        label: s.underNegative, num: true, value: (x) => numberOr(x.under_negative),
        cell: (x) => (numberOr(x.under_negative) > 0
          ? h('span', { class: 'tr-alert' }, t.num(x.under_negative),
            h('small', null, ` (${t.dec(percent(numberOr(x.under_negative), numberOr(x.replies)))} %)`))
          : t.num(0)),
      },
      { label: s.mean, num: true, value: (x) => numberOr(x.mean), cell: (x) => h('span', { class: 'tr-score', 'data-band': bandOf(numberOr(x.mean)) }, t.dec(x.mean)) },
      {
        label: s.lines, value: (x) => numberOr(list(x.lines)[0]),
        cell: (x) => `${list(x.lines).slice(0, 8).join(', ')}${list(x.lines).length > 8 ? '…' : ''}`, class: 'tr-lines',
      },
    ],
    rows: templates,
  });
  return section(h, t, 'templates', note(h, s.templatesNote), table);
}

function trendSection(h, t, ins) {
  const { s } = t;
  const periods = list(ins.trend?.periods);
  if (!periods.length) return section(h, t, 'trend', note(h, s.noTrend));
  const unit = s.units[ins.trend?.unit] ?? String(ins.trend?.unit ?? '');
  const table = sortableTable(h, t, {
    caption: s.sections.trend,
    captionHidden: true,
    columns: [
      { label: s.period, value: (p) => String(p.period), cell: (p) => t.period(p.period) },
      { label: s.count, num: true, value: (p) => numberOr(p.count), cell: (p) => t.num(p.count) },
      { label: s.mean, num: true, value: (p) => numberOr(p.mean), cell: (p) => h('span', { class: 'tr-score', 'data-band': bandOf(numberOr(p.mean)) }, t.dec(p.mean)) },
      ...bandCells(h, t),
    ],
    rows: periods,
  });
  return section(h, t, 'trend', figure(h, t, {
    id: 'tr-chart-trend',
    label: fill(s.trendLabel, { unit, list: periods.map((p) => `${t.period(p.period)} ${t.dec(p.mean)} (${p.count})`).join(', ') }),
    draw: (el) => lineChart(el, {
      labels: periods.map((p) => t.period(p.period)),
      values: periods.map((p) => numberOr(p.mean)),
      titles: periods.map((p) => `${t.period(p.period)} : ${t.dec(p.mean)} (${t.num(p.count)} ${s.count.toLowerCase()})`),
      format: t.dec,
    }),
    table,
  }));
}

function repliesSection(h, t, key, entries) {
  const { s } = t;
  const table = sortableTable(h, t, {
    caption: s.sections[key],
    captionHidden: true,
    className: 'tr-replies-table',
    columns: [
      { label: s.score, num: true, value: (e) => numberOr(e.score), cell: (e) => scoreCell(h, numberOr(e.score)) },
      { label: s.rating, num: true, value: (e) => numberOr(e.rating, 0), cell: (e) => (typeof e.rating === 'number' && e.rating > 0 ? fill(s.stars, { n: e.rating }) : s.none) },
      { label: s.agent, value: (e) => String(e.agent ?? ''), cell: (e) => (e.agent ? String(e.agent) : s.none) },
      {
        label: s.review, value: (e) => String(e.review ?? ''), class: 'tr-text',
        cell: (e) => h('div', null, h('span', { class: 'tr-polarity', 'data-polarity': e.polarity }, s.polarities[e.polarity] ?? ''), h('p', { class: 'tr-quote' }, String(e.review ?? ''))),
      },
      { label: s.reply, value: (e) => String(e.reply ?? ''), class: 'tr-text', cell: (e) => h('p', { class: 'tr-quote' }, String(e.reply ?? '')) },
      {
        label: s.problems, value: (e) => list(e.problems).length,
        cell: (e) => (list(e.problems).length ? list(e.problems).map((p) => h('span', { class: 'tr-chip' }, t.label(p))) : s.none),
      },
      { label: s.line, num: true, value: (e) => numberOr(e.line), cell: (e) => h('span', { title: e.id ? String(e.id) : undefined }, String(e.line ?? '')) },
    ],
    rows: list(entries),
  });
  return section(h, t, key, table);
}

function periodRange(t, ins) {
  const periods = list(ins.trend?.periods);
  if (!periods.length) return null;
  return { from: t.period(periods[0].period), to: t.period(periods[periods.length - 1].period) };
}

const reportCharts = new WeakMap(); // root → the Chartist charts drawn in it

/**
 * Renders the report of `insights` into `root` (its children are replaced). Returns
 * {charts: Promise that resolves when every chart is drawn}. options.lang: 'fr' (default) or
 * 'en'.
 */
export function renderReport(root, insights, options = {}) {
  const doc = root.ownerDocument;
  const h = builder(doc);
  const t = reportStrings(options.lang);
  const { s } = t;
  // Charts of a previous rendering listen to window resizes: stop them before dropping them.
  for (const chart of reportCharts.get(root) ?? []) chart.detach?.();
  reportCharts.delete(root);
  while (root.firstChild) root.removeChild(root.firstChild);
  root.setAttribute('lang', t.key);
  root.classList?.add('tr-report');
  if (!insights || typeof insights !== 'object' || insights.insights_version !== 1) {
    root.appendChild(h('p', { class: 'tr-message tr-error', role: 'alert' },
      fill(s.badVersion, { version: insights && typeof insights === 'object' ? String(insights.insights_version) : typeof insights })));
    return { charts: Promise.resolve() };
  }
  const range = periodRange(t, insights);
  const header = h('header', { class: 'tr-header' },
    h('h1', null, s.title),
    h('p', { class: 'tr-subtitle' },
      fill(s.subtitle, { rows: t.num(numberOr(insights.rows)), version: String(insights.tact_version ?? '') }),
      range ? ` · ${fill(s.periodRange, range)}` : ''));
  const keys = ['summary', 'distribution', 'criteria', 'violations', 'groups', 'agents', 'templates', 'trend', 'weakest', 'best'];
  const nav = h('nav', { class: 'tr-nav', 'aria-label': s.nav },
    h('ul', null, keys.map((k) => h('li', null, h('a', { href: `#tr-${k}` }, s.sections[k])))));
  const sections = numberOr(insights.scored) > 0
    ? [
      summarySection(h, t, insights),
      distributionSection(h, t, insights),
      criteriaSection(h, t, insights),
      violationsSection(h, t, insights),
      groupsSection(h, t, insights),
      agentsSection(h, t, insights),
      templatesSection(h, t, insights),
      trendSection(h, t, insights),
      repliesSection(h, t, 'weakest', insights.weakest),
      repliesSection(h, t, 'best', insights.best),
    ]
    : [summarySection(h, t, insights), h('p', { class: 'tr-message' }, s.empty)];
  root.appendChild(header);
  if (numberOr(insights.scored) > 0) root.appendChild(nav);
  const main = h('div', { class: 'tr-sections' }, sections);
  root.appendChild(main);
  // Draw the charts once the containers are in the document (Chartist measures them).
  const figures = [];
  const walk = (node) => {
    if (node.tactDraw) figures.push(node);
    for (const child of Array.from(node.childNodes ?? [])) walk(child);
  };
  walk(main);
  const drawn = figures.map((f) => {
    const chart = f.tactDraw();
    delete f.tactDraw;
    return chart;
  }).filter(Boolean);
  reportCharts.set(root, drawn);
  const charts = drawn.map((chart) => new Promise((resolve) => chart.on('created', resolve)));
  return { charts: Promise.all(charts).then(() => undefined) };
}
