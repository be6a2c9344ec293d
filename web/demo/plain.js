// attachTact on a page's own textarea, with the panel rendered into the page's own element.
import { attachTact } from '../src/attach.js';

const textarea = document.getElementById('answer');
const coach = attachTact(textarea, {
  review: () => document.getElementById('review').textContent,
  author: 'Dana K.',
  uiLang: 'en',
  panel: document.getElementById('coach-panel'),
});
document.getElementById('form').addEventListener('submit', (event) => event.preventDefault());
window.tactCoach = coach;
window.tactPlainReady = coach.ready.then(() => true);
