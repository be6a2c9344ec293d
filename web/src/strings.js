// UI strings of the widget, in French and English. Messages and suggestions inside findings come
// from the rule packs, already in the reply's language; these are only the widget's own labels.

export const STRINGS = {
  fr: {
    panel: 'Coach de réponse',
    loading: 'Chargement du correcteur…',
    loadError: 'Le correcteur n’a pas pu se charger : {error}',
    scoreLabel: 'Score',
    announce: 'Score {score} sur 100 : {band}',
    bands: { rework: 'À retravailler', fair: 'Correct', good: 'Bien', excellent: 'Excellent' },
    criteriaTitle: 'Critères',
    findingsTitle: 'À revoir',
    noFindings: 'Rien à signaler dans le texte.',
    statuses: {
      met: 'rempli',
      partial: 'partiel',
      missing: 'manquant',
      violated: 'enfreint',
      skipped: 'pas nécessaire',
    },
    polarity: {
      positive: 'Avis positif : pas besoin de vous excuser',
      mixed: 'Avis mitigé',
      negative: 'Avis négatif',
      neutral: 'Message sans plainte ni éloge : pas besoin de vous excuser',
    },
    severities: { hint: 'Conseil', warning: 'Attention', problem: 'Problème' },
    criteria: {
      thanks: 'Remercier',
      apology: 'S’excuser',
      understanding: 'Montrer que le problème est compris',
      solution: 'Proposer une solution concrète',
      private_channel: 'Poursuivre en privé',
      greeting: 'Saluer',
      signature: 'Signer',
      length: 'Longueur lisible',
      conditional_apology: 'Excuse conditionnelle',
      apology_but: 'Excuse suivie d’un « mais »',
      argue: 'Débat avec le client',
      blame: 'Reproche au client',
      insult: 'Propos insultants',
      mockery: 'Ironie',
      minimizing: 'Minimisation',
      policy_wall: 'Retranchement derrière le règlement',
      overpromise: 'Promesse intenable',
      shouting: 'Ton criard',
      pii: 'Donnée personnelle divulguée',
      wrong_name: 'Mauvais prénom',
      ignores_refusal: 'Refus du client ignoré',
      generic: 'Réponse générique',
    },
    suggestion: 'Suggestion : « {text} »',
    apply: 'Remplacer',
    applyLabel: 'Remplacer « {from} » par « {to} »',
    insert: 'Insérer',
    insertLabel: 'Insérer « {text} » dans la réponse',
    close: 'Fermer',
    quote: '« {text} »',
    inReview: 'dans l’avis',
    more: '… et {count} autres, surlignés dans le texte.',
    tooLong: 'Réponse très longue : seuls ses {count} premiers caractères sont vérifiés.',
    langUnsupported: 'Cette réponse semble écrite dans une langue que le correcteur ne lit pas (il lit le français et l’anglais) : ne vous fiez pas à ce score.',
    failed: 'Le correcteur a rencontré une erreur ({error}) ; il redémarre…',
    restartFailed: 'Le correcteur a rencontré une erreur et n’a pas pu redémarrer : {error}',
    recovered: 'Le correcteur a rencontré une erreur ({error}) et a redémarré.',
    imageRefused:
      'Règles personnalisées refusées ({error}) : les règles intégrées sont utilisées.',
  },
  en: {
    panel: 'Reply coach',
    loading: 'Loading the checker…',
    loadError: 'The checker could not load: {error}',
    scoreLabel: 'Score',
    announce: 'Score {score} out of 100: {band}',
    bands: { rework: 'Needs rework', fair: 'Fair', good: 'Good', excellent: 'Excellent' },
    criteriaTitle: 'Criteria',
    findingsTitle: 'To review',
    noFindings: 'Nothing to flag in the text.',
    statuses: {
      met: 'met',
      partial: 'partly met',
      missing: 'missing',
      violated: 'violated',
      skipped: 'not needed',
    },
    polarity: {
      positive: 'Positive review: no apology needed',
      mixed: 'Mixed review',
      negative: 'Negative review',
      neutral: 'Neither a complaint nor praise: no apology needed',
    },
    severities: { hint: 'Hint', warning: 'Warning', problem: 'Problem' },
    criteria: {
      thanks: 'Thank the customer',
      apology: 'Apologise',
      understanding: 'Show you understood the problem',
      solution: 'Offer a concrete fix',
      private_channel: 'Move to a private channel',
      greeting: 'Greet',
      signature: 'Sign with a name',
      length: 'Readable length',
      conditional_apology: 'Conditional apology',
      apology_but: 'Apology followed by “but”',
      argue: 'Arguing with the customer',
      blame: 'Blaming the customer',
      insult: 'Insulting language',
      mockery: 'Sarcasm',
      minimizing: 'Minimising',
      policy_wall: 'Hiding behind policy',
      overpromise: 'Promise you cannot keep',
      shouting: 'Shouting',
      pii: 'Private details disclosed',
      wrong_name: 'Wrong name',
      ignores_refusal: 'Customer’s refusal ignored',
      generic: 'Generic reply',
    },
    suggestion: 'Suggestion: “{text}”',
    apply: 'Replace',
    applyLabel: 'Replace “{from}” with “{to}”',
    insert: 'Insert',
    insertLabel: 'Insert “{text}” into the reply',
    close: 'Close',
    quote: '“{text}”',
    inReview: 'in the review',
    more: '… and {count} more, highlighted in the text.',
    tooLong: 'Very long reply: only its first {count} characters are checked.',
    langUnsupported: 'This reply looks written in a language the checker does not read (it reads French and English): do not rely on this score.',
    failed: 'The checker ran into an error ({error}); restarting…',
    restartFailed: 'The checker ran into an error and could not restart: {error}',
    recovered: 'The checker ran into an error ({error}) and restarted.',
    imageRefused: 'Custom rules refused ({error}): the built-in rules are used.',
  },
};

/** The strings for `lang` ("fr…" → French, anything else → English). */
export function stringsFor(lang) {
  return String(lang || '').toLowerCase().startsWith('fr') ? STRINGS.fr : STRINGS.en;
}

/** The label of a criterion or violation id in the strings `s`. */
export function criterionLabel(s, id) {
  return s.criteria[id] ?? id.replace(/_/g, ' ');
}

/** "Problem · Conditional apology": a finding's title in the tooltip and the findings list. */
export function findingTitle(s, f) {
  return `${s.severities[f.severity] ?? f.severity} · ${criterionLabel(s, f.criterion)}`;
}

/** Fills {name} placeholders. */
export function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ''));
}
