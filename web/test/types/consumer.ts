// Compiled with tsc --noEmit by types.test.mjs: uses the hand-written declarations as a consumer
// would, so a drift between tact.d.ts and the API fails the test.
import { loadTact, type Finding, type Polarity, type Report, type Tact, type TactModuleFailedError } from '../../src/tact.js';
import { attachTact, type CoachController, type TactScoreDetail } from '../../src/attach.js';

async function main(textarea: HTMLTextAreaElement): Promise<void> {
  const tact: Tact = await loadTact({ wasmUrl: new URL('https://example.invalid/tact_wasm.wasm') });
  const report: Report = tact.score('Colis abîmé', 'Bonjour', { lang: 'fr', author: 'Sophie', business: ['Acme'], rating: 2 });
  const polarity: Polarity | undefined = report.review.polarity;
  const skipped: boolean = report.criteria.some((c) => c.status === 'skipped');
  const single: Report = tact.score('Super', 'Merci !', { business: 'Acme', rating: 5 });
  const first: Finding | undefined = report.findings[0];
  const begin: number | undefined = first?.begin16;
  const severity: 'hint' | 'warning' | 'problem' | undefined = first?.severity;
  const line: string = tact.scoreJson({ reply: 'x', id: 1 });
  const custom: Tact = tact.withImage(new Uint8Array([1, 2, 3]));
  const checked: number = custom.checkExamples().count;
  custom.dispose();
  if (tact.failed) await tact.restart();
  const isFailure = (e: unknown): e is TactModuleFailedError =>
    e instanceof Error && (e as Partial<TactModuleFailedError>).code === 'TACT_MODULE_FAILED';
  const coach: CoachController = attachTact(textarea, { review: () => 'r', uiLang: 'en', tact, rating: 5, business: 'Acme' });
  await coach.ready;
  coach.update({ author: 'Dana', image: new Uint8Array([1]), maxLength: 4096 });
  textarea.addEventListener('tact-score', (e) => {
    const detail = (e as CustomEvent<TactScoreDetail>).detail;
    void [detail.checked, detail.ms];
  });
  const score: number | undefined = coach.report?.score;
  coach.destroy();
  void [begin, severity, line, checked, score, polarity, skipped, single, isFailure];
}

// @ts-expect-error: score() needs the reply
loadTact().then((t) => t.score('only review'));
// @ts-expect-error: lang is fr, en or auto
loadTact().then((t) => t.score('', '', { lang: 'de' }));
// @ts-expect-error: polarity is negative, mixed, positive or neutral
const wrongPolarity: Polarity = 'unknown';
void wrongPolarity;

void main;
