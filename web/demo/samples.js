// Sample reviews and draft replies for the demo (written for Tact; fictional people and shops).
export const SAMPLES = [
  {
    id: 'fr-colis',
    lang: 'fr',
    title: 'FR · Colis abîmé, réponse maladroite',
    author: 'Élodie R.',
    rating: 1,
    review:
      'Commande reçue avec dix jours de retard et le carton était éventré, la théière en ' +
      'morceaux. J’ai écrit deux fois au service client, toujours pas d’étiquette de retour. ' +
      'Très déçue.',
    reply:
      'Bonjour,\n\nNous sommes désolés si vous avez été déçue 😕 mais vous auriez dû refuser le ' +
      'colis à la livraison !! Ce n’est qu’un petit désagrément, conformément à nos CGV le ' +
      'transporteur est responsable.\n\nL’équipe',
  },
  {
    id: 'fr-restaurant',
    lang: 'fr',
    title: 'FR · Attente au restaurant, bonne réponse',
    author: 'Karim B.',
    rating: 2,
    review:
      'Une heure d’attente pour deux plats tièdes un samedi midi, et personne pour nous ' +
      'prévenir du retard. Dommage, la terrasse est agréable.',
    reply:
      'Bonjour Karim,\n\nMerci d’avoir pris le temps de nous écrire. Nous sommes sincèrement ' +
      'désolés pour cette heure d’attente et pour vos plats servis tièdes : ce n’est pas ' +
      'l’accueil que nous voulons offrir. Nous avons revu l’organisation de la cuisine le ' +
      'samedi midi et nos serveurs préviendront désormais les tables en cas de retard.\n\n' +
      'Écrivez-nous à contact@lapetiteterrasse.fr : nous serions heureux de vous offrir le ' +
      'café lors de votre prochaine visite.\n\nCamille, responsable de salle',
  },
  {
    id: 'en-hotel',
    lang: 'en',
    title: 'EN · Noisy hotel room, defensive reply',
    author: 'Priya S.',
    rating: 2,
    review:
      'The room above the bar was so noisy we barely slept, and the front desk said nothing ' +
      'could be done. Breakfast was fine but I will not stay again.',
    reply:
      'Hello,\n\nWe are sorry if you feel the room was noisy, but as clearly stated on our ' +
      'website the bar is open until 1am. You should have asked for a quiet room when ' +
      'booking. Obviously we cannot please everyone!!\n\nManagement',
  },
  {
    id: 'en-refund',
    lang: 'en',
    title: 'EN · Late refund, good reply',
    author: 'Tom W.',
    rating: 1,
    review:
      'Returned the jacket three weeks ago and I am still waiting for my refund. Two emails, ' +
      'no answer. Not impressed.',
    reply:
      'Hi Tom,\n\nThank you for letting us know, and I am sorry that your refund has taken ' +
      'three weeks and that your emails went unanswered. I have escalated your return to our ' +
      'payments team today and you will receive the refund within 48 hours.\n\nIf anything is ' +
      'still unclear, please send us a direct message and I will follow it up personally.\n\n' +
      'Jess, Customer Care',
  },
];
