// Demo wiring only: sample picker, free typing, UI language, score time readout.
import '../src/tact-reply-coach.js';
import { SAMPLES } from './samples.js';

const TEXT = {
  fr: {
    title: 'Tact — coach de réponse aux avis clients',
    tagline: 'Notez votre réponse à un avis client pendant que vous l’écrivez. ' +
      'Tout se passe dans cette page : aucun texte n’est envoyé sur le réseau.',
    sample: 'Exemple', uiLang: 'Langue de l’interface', review: 'L’avis du client',
    author: 'Auteur de l’avis', reviewText: 'Texte de l’avis', reply: 'Votre réponse',
    free: 'Saisie libre (champs vides)', timing: 'Score calculé en {ms} ms ({chars} caractères)',
    placeholder: 'Écrivez votre réponse ici…',
  },
  en: {
    title: 'Tact — reply coach for customer reviews',
    tagline: 'Score your reply to a customer review as you write it. ' +
      'Everything runs in this page: no text is sent over the network.',
    sample: 'Sample', uiLang: 'Interface language', review: 'The customer’s review',
    author: 'Review author', reviewText: 'Review text', reply: 'Your reply',
    free: 'Free typing (empty fields)', timing: 'Scored in {ms} ms ({chars} characters)',
    placeholder: 'Write your reply here…',
  },
};

const $ = (id) => document.getElementById(id);
const coach = $('coach');
const sample = $('sample');
const uiLang = $('ui-lang');

function setUiLang(lang) {
  const t = TEXT[lang];
  document.documentElement.lang = lang;
  document.title = t.title;
  $('tagline').textContent = t.tagline;
  $('sample-label').textContent = t.sample;
  $('ui-lang-label').textContent = t.uiLang;
  $('review-title').textContent = t.review;
  $('author-label').textContent = t.author;
  $('review-label').textContent = t.reviewText;
  $('reply-title').textContent = t.reply;
  $('reply').placeholder = t.placeholder;
  sample.options[0].textContent = t.free;
  coach.setAttribute('ui-lang', lang);
}

sample.append(new Option(TEXT.fr.free, ''));
for (const s of SAMPLES) sample.append(new Option(s.title, s.id));

function loadSample(id) {
  const s = SAMPLES.find((x) => x.id === id);
  $('review').value = s ? s.review : '';
  $('author').value = s ? s.author : '';
  if (s) coach.setAttribute('rating', String(s.rating));
  else coach.removeAttribute('rating');
  coach.setAttribute('author', $('author').value);
  coach.value = s ? s.reply : '';
}

sample.addEventListener('change', () => loadSample(sample.value));
uiLang.addEventListener('change', () => setUiLang(uiLang.value));
$('author').addEventListener('input', () => coach.setAttribute('author', $('author').value));

coach.addEventListener('tact-score', (event) => {
  const { ms } = event.detail;
  const t = TEXT[uiLang.value];
  $('timing').textContent = t.timing
    .replace('{ms}', ms < 1 ? ms.toFixed(2) : ms.toFixed(1))
    .replace('{chars}', coach.value.length.toLocaleString(uiLang.value));
});

sample.value = SAMPLES[0].id;
loadSample(SAMPLES[0].id);
setUiLang('fr');
window.tactDemoReady = coach.ready.then(() => true);
