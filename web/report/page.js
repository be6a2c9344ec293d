// The single-file report's own script (web/tools/build-report.mjs inlines it after render.js).
// Reads the insights that `tact report` put in <script id="tact-insights">, renders them, and
// offers a French/English switch (French by default; "#lang=en" in the address picks English).
// While the element still holds the template's placeholder string, shows how to fill it.

import { renderReport } from './render.js';

const EMPTY = {
  fr: ['Modèle de rapport vide', 'Ce fichier est le modèle du rapport : la commande « tact report FICHIER -o rapport.html » le remplit avec les résultats de vos réponses.'],
  en: ['Empty report template', 'This file is the report template: "tact report FILE -o report.html" fills it with the results of your replies.'],
};

function readInsights(doc) {
  const element = doc.getElementById('tact-insights');
  if (!element) return { error: 'no #tact-insights element' };
  try {
    const value = JSON.parse(element.textContent);
    // The template holds a JSON string (the placeholder) until the CLI replaces it.
    return typeof value === 'string' ? { empty: true } : { insights: value };
  } catch (error) {
    return { error: `the insights are not valid JSON (${error.message})` };
  }
}

function start(doc, win) {
  const root = doc.getElementById('tact-report');
  const toolbar = doc.getElementById('tact-toolbar');
  const { insights, empty, error } = readInsights(doc);
  const langFromHash = () => (/(?:^|[#&])lang=en\b/.test(win.location.hash) ? 'en' : 'fr');
  const buttons = [];
  const draw = (lang) => {
    doc.documentElement.setAttribute('lang', lang);
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.value === lang));
    if (insights) {
      renderReport(root, insights, { lang }).charts.then(() => root.setAttribute('data-ready', 'true'));
      return;
    }
    while (root.firstChild) root.removeChild(root.firstChild);
    const box = doc.createElement('div');
    box.className = 'tr-message tr-empty';
    const title = doc.createElement('h1');
    const text = doc.createElement('p');
    if (empty) {
      title.textContent = EMPTY[lang][0];
      text.textContent = EMPTY[lang][1];
    } else {
      title.textContent = 'Tact';
      text.textContent = error;
      box.setAttribute('role', 'alert');
    }
    box.append(title, text);
    root.appendChild(box);
    root.setAttribute('data-ready', empty ? 'empty' : 'error');
  };
  if (toolbar) {
    const group = doc.createElement('div');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Langue / Language');
    for (const [value, label] of [['fr', 'Français'], ['en', 'English']]) {
      const b = doc.createElement('button');
      b.type = 'button';
      b.value = value;
      b.textContent = label;
      b.addEventListener('click', () => {
        win.history.replaceState(null, '', value === 'en' ? '#lang=en' : '#lang=fr');
        draw(value);
      });
      buttons.push(b);
      group.appendChild(b);
    }
    toolbar.appendChild(group);
  }
  draw(langFromHash());
}

start(document, window);
