/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-database-private.h"
#include "psr-error.h"
#include "psr-generate.h"

/* Synthetic but plausible data for benchmarks: French and international
 * names, scenario titles made of themes and formats so that searching finds
 * real words, sessions spread from two years ago to one year ahead. */

/* Weights of the progress bar: what each step costs per record, roughly, in
 * microseconds as measured. Copies are dear because of the full-text index. */
#define WEIGHT_PERSON_STAGED     3
#define WEIGHT_PERSON_COPIED     14
#define WEIGHT_SCENARIO_STAGED   15
#define WEIGHT_SCENARIO_COPIED   15
#define WEIGHT_SCENARIO_CHILDREN 30
#define WEIGHT_SESSION           450

/* Rows copied per statement from a staging table: few enough for the
 * progress bar to move, many enough to keep the index fast. */
#define COPY_CHUNK 5000

#define DAYS_BACK  730
#define DAYS_AHEAD 365

#define N_FIELDS               4
#define COMPETENCIES_PER_FIELD 5
#define N_LEVELS               4
#define MIN_TRAINERS           3
#define MAX_TRAINERS           50
#define SESSIONS_PER_TRAINER   40
#define MIN_DAYS               2
#define MAX_DAYS               3
#define MAX_ASKED_DAYS         250
#define MAX_PHASES             5
#define MAX_AUDIENCES          2
#define MIN_ENROLLMENTS        5
#define MAX_ENROLLMENTS        12
#define UUID_LENGTH            36

/* Data: people and places -------------------------------------------------- */

static const char * const given_names[] = {
  "Camille", "Léa", "Manon", "Chloé", "Inès", "Zoé", "Jeanne", "Louise", "Agathe", "Maëlle",
  "Hélène", "Noémie", "Céline", "Françoise", "Anaïs", "Émilie", "Lucas", "Hugo", "Théo", "Louis",
  "Jules", "Gabriel", "Raphaël", "Arthur", "Noé", "Mathis", "Benoît", "Jérôme", "François",
  "Grégoire", "Loïc", "Étienne", "Jean-Baptiste", "Marie-Claire", "Amina", "Fatou", "Yasmine",
  "Leïla", "Nour", "Aïcha", "Karim", "Mehdi", "Youssef", "Moussa", "Ibrahim", "Sofia", "Elena",
  "Giulia", "Lucía", "Ingrid", "Olga", "Mei", "Yuki", "Priya", "Chen", "Hiroshi", "Diego",
  "Mateo", "Kwame", "Tomasz", "Lars", "Seán", "Emily", "Oliver", "Ngozi", "Thi Lan",
};

static const char * const family_names[] = {
  "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
  "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "David", "Bertrand", "Roux", "Vincent",
  "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François",
  "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Le Gall", "Le Goff", "Nguyen",
  "Tran", "Diallo", "Traoré", "Ndiaye", "Benali", "Haddad", "Cohen", "Rossi", "Ferrari",
  "García", "Fernández", "Silva", "Santos", "Kowalski", "Nowak", "Müller", "Schmidt", "Jensen",
  "O'Brien", "Smith", "Tanaka", "Wang", "Kim", "Okafor", "Mensah", "Ivanova", "Papadopoulos",
  "Öztürk", "Da Costa", "de La Fontaine",
};

typedef struct
{
  const char *name;
  const char *domain;
} Organisation;

/* Domains under example.* only: no message can ever reach a real person. */
static const Organisation organisations[] = {
  { "Cité des sciences et de l'industrie", "cite-sciences.example.org" },
  { "Palais de la découverte", "palais-decouverte.example.org" },
  { "Muséum de Toulouse", "museum-toulouse.example.org" },
  { "Vaisseau de Strasbourg", "vaisseau.example.org" },
  { "Cap Sciences Bordeaux", "cap-sciences.example.org" },
  { "La Casemate Grenoble", "casemate.example.org" },
  { "Espace des sciences de Rennes", "espace-sciences.example.org" },
  { "Quai des savoirs", "quai-savoirs.example.org" },
  { "Médiathèque de Lyon", "mediatheque-lyon.example.org" },
  { "Collège Marie-Curie", "college-curie.example.org" },
  { "Lycée Jean-Jaurès", "lycee-jaures.example.org" },
  { "Association Les Petits Débrouillards", "debrouillards.example.org" },
  { "Planétarium de Vaulx-en-Velin", "planetarium.example.org" },
  { "Centre Sciences d'Orléans", "centre-sciences.example.org" },
  { "Maison de la science de Liège", "maison-science.example.be" },
  { "Musée d'histoire naturelle de Genève", "mhn-geneve.example.ch" },
  { "Centre des sciences de Montréal", "centre-sciences.example.ca" },
  { "Parc naturel régional du Vercors", "parc-vercors.example.org" },
};

static const char * const personal_domains[] = {
  "example.com", "example.net", "courriel.example.fr", "messagerie.example.org",
};

static const char * const jobs[] = {
  "Médiatrice scientifique", "Médiateur scientifique", "Animatrice", "Animateur",
  "Chargée de médiation", "Chargé des publics", "Guide-conférencière", "Guide-conférencier",
  "Enseignante", "Enseignant", "Bibliothécaire", "Responsable des publics",
  "Étudiante en muséologie", "Volontaire en service civique", "Documentaliste",
};

typedef struct
{
  const char *name;
  const char *language;
  const char *phone_prefix;
} Country;

static const Country countries[] = {
  { "France", "fr", "+33 6" },
  { "Belgique", "fr", "+32 470" },
  { "Suisse", "fr", "+41 79" },
  { "Canada", "fr", "+1 514" },
  { "Sénégal", "fr", "+221 77" },
  { "Maroc", "fr", "+212 6" },
  { "Côte d'Ivoire", "fr", "+225 07" },
  { "Italie", "it", "+39 347" },
  { "Espagne", "es", "+34 612" },
  { "Allemagne", "de", "+49 151" },
  { "Royaume-Uni", "en", "+44 7700" },
};

static const char * const accessibility_needs[] = {
  "Se déplace en fauteuil roulant : salle de plain-pied.",
  "Malentendant : boucle magnétique et place au premier rang.",
  "Malvoyante : documents en gros caractères.",
  "Dyslexie : supports envoyés à l'avance.",
  "Pauses régulières nécessaires.",
};

typedef struct
{
  const char *city;
  const char *place;
} Place;

static const Place places[] = {
  { "Paris", "Cité des sciences et de l'industrie, Paris" },
  { "Paris", "Palais de la découverte, Paris" },
  { "Lyon", "Médiathèque de la Part-Dieu, Lyon" },
  { "Toulouse", "Quai des savoirs, Toulouse" },
  { "Bordeaux", "Cap Sciences, Bordeaux" },
  { "Grenoble", "La Casemate, Grenoble" },
  { "Rennes", "Les Champs Libres, Rennes" },
  { "Strasbourg", "Le Vaisseau, Strasbourg" },
  { "Marseille", "Friche de la Belle de Mai, Marseille" },
  { "Lille", "Forum départemental des sciences, Villeneuve-d'Ascq" },
  { "Nantes", "Muséum d'histoire naturelle, Nantes" },
  { "Montpellier", "Planétarium Galilée, Montpellier" },
  { "Dijon", "Jardin des sciences, Dijon" },
  { "Clermont-Ferrand", "Vulcania, Saint-Ours-les-Roches" },
  { "Orléans", "Centre Sciences, Orléans" },
};

static const char * const rooms[] = {
  "Salle Condorcet", "Salle Marie-Curie", "Salle Lavoisier", "Salle Sophie-Germain",
  "Atelier 2", "Atelier 4", "Auditorium", "Salle de formation du 2e étage",
};

static const char * const session_cancel_reasons[] = {
  "Nombre d'inscrits insuffisant.",
  "Formateur indisponible, session reportée.",
  "Fermeture exceptionnelle du lieu.",
  "Grève des transports.",
};

static const char * const enrollment_cancel_reasons[] = {
  "Empêchement professionnel.",
  "Raisons de santé.",
  "Inscription en double.",
  "Changement de planning de la structure.",
};

static const char * const attendance_notes[] = {
  "Train en retard.", "Rendez-vous médical.", "Garde d'enfant.", "Prévenu la veille.",
};

/* Data: competency framework ----------------------------------------------- */

static const char * const level_names[N_LEVELS] = {
  "Découverte", "En cours d'acquisition", "Maîtrisé", "Expert",
};

typedef struct
{
  const char *code;
  const char *title;
  const char *competencies[COMPETENCIES_PER_FIELD];
} Field;

static const Field fields[N_FIELDS] = {
  { "A", "Accueillir les publics",
    { "Adapter son discours à l'âge des visiteurs", "Repérer les besoins d'accessibilité",
      "Créer un climat de confiance", "Gérer l'hétérogénéité d'un groupe",
      "Accueillir un groupe scolaire" } },
  { "B", "Concevoir une médiation",
    { "Définir des objectifs de médiation", "Choisir un format adapté au public",
      "Construire une progression en phases", "Préparer le matériel et l'espace",
      "Intégrer la sécurité dès la conception" } },
  { "C", "Animer une médiation",
    { "Susciter le questionnement", "Faire manipuler et expérimenter", "Tenir le temps",
      "Faire face à une situation difficile", "Animer un débat contradictoire" } },
  { "D", "Évaluer et faire évoluer sa pratique",
    { "Recueillir l'avis des participants", "Observer la médiation d'un pair",
      "Analyser sa pratique", "Vérifier et citer ses sources", "Partager ses ressources" } },
};

/* Data: curricula ---------------------------------------------------------- */

typedef struct
{
  const char *title;
  const char *summary;
  const char *audience;
} Curriculum;

static const Curriculum curricula[] = {
  { "Médiation scientifique : les fondamentaux",
    "Les bases du métier : publics, postures, formats et évaluation.",
    "Médiateurs et médiatrices débutants" },
  { "Animer un atelier scientifique",
    "Concevoir et animer un atelier où le public manipule et expérimente.",
    "Animateurs et animatrices de centres de sciences" },
  { "Accueillir les publics en situation de handicap",
    "Rendre une médiation accessible à tous, avec et sans adaptation du matériel.",
    "Toute personne en contact avec le public" },
  { "Concevoir une visite guidée",
    "Construire un parcours dans une exposition et le faire vivre.",
    "Guides-conférenciers, médiateurs d'exposition" },
  { "Débattre de science avec les publics",
    "Organiser un débat sur une question de science en société.",
    "Médiateurs confirmés, enseignants" },
  { "Médiation numérique et robotique",
    "Programmer un robot, animer un atelier de code, parler d'intelligence artificielle.",
    "Médiateurs numériques, bibliothécaires" },
  { "Parler du climat sans désespérer",
    "Transmettre les résultats du GIEC et ouvrir sur l'action.",
    "Médiateurs, enseignants, animateurs nature" },
  { "Gérer un groupe scolaire",
    "Préparer la venue d'une classe, tenir le groupe, travailler avec l'enseignant.",
    "Médiateurs accueillant des scolaires" },
  { "Raconter la science : narration et médiation",
    "Utiliser le récit, l'histoire des sciences et le théâtre en médiation.",
    "Médiateurs, conteurs, comédiens" },
  { "Évaluer une action de médiation",
    "Observer, questionner les publics et faire évoluer ses actions.",
    "Responsables des publics, médiateurs confirmés" },
};

static const char * const modalities[] = { "in-person", "in-person", "blended", "remote" };

static const char * const module_first = "Accueil et attentes des participants";
static const char * const module_last = "Bilan et perspectives";
static const char * const module_titles[] = {
  "Apports théoriques", "Mise en situation", "Analyse de pratiques",
  "Conception d'une séquence", "Observation en salle d'exposition", "Jeux de rôle",
  "Retour d'expérience", "Construire ses supports", "Étude de cas",
};
static const char * const module_methods[] = { "theory", "practice", "mixed" };

/* Data: scenarios ---------------------------------------------------------- */

typedef struct
{
  const char *theme;
  const char *subject;
  const char *keywords;
} Theme;

/* Cycled in order, so that even a small database holds every theme. */
static const Theme themes[] = {
  { "Géologie", "les volcans", "magma, éruption, lave et plaques tectoniques" },
  { "Optique", "la lumière", "couleurs, prismes, arc-en-ciel et lumière blanche" },
  { "Climat", "le climat qui change", "effet de serre, carbone, GIEC et adaptation" },
  { "Biologie", "l'ADN", "gènes, cellules, hérédité et extraction d'ADN de banane" },
  { "Numérique", "la robotique", "capteurs, moteurs, programmation et robots" },
  { "Astronomie", "les étoiles", "constellations, galaxies, télescope et année-lumière" },
  { "Océanographie", "les océans", "courants, marées, plancton et abysses" },
  { "Énergie", "l'énergie", "électricité, éolien, solaire et sobriété" },
  { "Acoustique", "le son", "vibrations, fréquences, oreille et instruments" },
  { "Microbiologie", "les microbes", "bactéries, virus, microscope et hygiène" },
  { "Neurosciences", "le cerveau", "neurones, mémoire, illusions et perception" },
  { "Mathématiques", "les mathématiques", "nombres, formes, probabilités et pavages" },
  { "Écologie", "la biodiversité", "espèces, écosystèmes, pollinisateurs et forêts" },
  { "Météorologie", "la météo", "nuages, pression, vent et prévisions" },
  { "Physique", "le magnétisme", "aimants, boussole, champ magnétique et Terre" },
  { "Chimie", "la chimie de la cuisine", "réactions, émulsions, levure et caramel" },
  { "Entomologie", "les insectes", "abeilles, fourmis, métamorphose et élevage" },
  { "Numérique", "l'intelligence artificielle", "algorithmes, données, biais et apprentissage" },
  { "Espace", "les fusées", "propulsion, gravité, satellites et Lune" },
  { "Paléontologie", "les dinosaures", "fossiles, extinction, squelettes et évolution" },
  { "Géologie", "les séismes", "failles, ondes sismiques, sismographe et prévention" },
  { "Santé", "les vaccins", "immunité, anticorps, épidémies et histoire de la médecine" },
  { "Hydrologie", "l'eau", "cycle de l'eau, nappes, potabilisation et sécheresse" },
  { "Physique", "l'électricité", "circuits, piles, conducteurs et éclairs" },
};

typedef struct
{
  const char *format;
  const char *prefix;
} Format;

static const Format formats[] = {
  { "workshop", "Atelier : " },
  { "workshop", "Atelier expérimental : " },
  { "guided-visit", "Visite guidée : " },
  { "demonstration", "Démonstration : " },
  { "debate", "Débat : " },
  { "stand", "Stand : " },
  { "show", "Spectacle : " },
  { "game", "Jeu d'enquête : " },
  { "other", "Rencontre avec un chercheur : " },
};

static const char * const title_hooks[] = {
  "", "", "", " en famille", " pour les 8-12 ans", " : mode d'emploi", " au quotidien",
  " en 30 minutes", " pour tous", " sans les mains", " version longue",
};

static const char * const venues[] = {
  "exhibition", "workshop-room", "classroom", "outdoor", "online", "other",
};

static const char * const scenario_statuses[] = {
  "published", "published", "published", "published", "published", "published", "published",
  "published", "draft", "draft", "draft", "archived",
};

typedef struct
{
  const char *audience;
  int         age_min;
  int         age_max;
} Audience;

/* Ages of -1 are left empty. */
static const Audience audiences[] = {
  { "school-primary", 6, 11 },
  { "school-middle", 11, 15 },
  { "school-high", 15, 18 },
  { "families", 4, -1 },
  { "teenagers", 12, 17 },
  { "adults", 18, -1 },
  { "seniors", 60, -1 },
  { "disabilities", -1, -1 },
  { "non-native", -1, -1 },
  { "professionals", 18, -1 },
};

static const char * const materials[] = {
  "Tables, blouses, lunettes de protection et fiches d'expérience.",
  "Maquette, vidéoprojecteur et échantillons à toucher.",
  "Kit de manipulation par groupe de quatre, bacs et éponges.",
  "Tablettes, robots programmables et piles de rechange.",
  "Cartes du jeu, sablier et plateau imprimé en A1.",
  "Microscopes, lames et lamelles.",
};

static const char * const room_layouts[] = {
  "Îlots de quatre tables, le médiateur au centre.",
  "Public assis en arc de cercle devant la paillasse.",
  "Parcours en trois stations dans l'exposition.",
  "Salle dégagée, chaises en cercle.",
};

static const char * const mediator_stances[] = {
  "Questionner plutôt qu'expliquer : partir des idées du public.",
  "Laisser manipuler, ne reprendre la main qu'à la mise en commun.",
  "Rester neutre dans le débat, distribuer la parole.",
  "Raconter : l'histoire des découvertes avant les résultats.",
};

static const char * const accessibility_notes[] = {
  "Accessible en fauteuil ; consignes aussi en images.",
  "Version tactile du matériel pour les publics malvoyants.",
  "Sous-titrage des vidéos ; boucle magnétique disponible.",
  "",
};

static const char * const difficult_situations[] = {
  "Un participant conteste les résultats scientifiques : accueillir, puis revenir aux sources.",
  "Groupe agité : raccourcir les explications, passer à la manipulation.",
  "Question sans réponse : le dire, et chercher ensemble.",
};

static const char * const safety_notes[] = {
  "Lunettes obligatoires pendant les expériences.",
  "Pas de flamme ; produits ménagers dilués seulement.",
  "Surveiller les petites pièces avec les moins de trois ans.",
  "",
};

static const char * const evaluations[] = {
  "Question de sortie : qu'avez-vous appris ?",
  "Observation des échanges entre participants.",
  "Court questionnaire en fin d'activité.",
};

static const char * const sources[] = {
  "Dossier pédagogique de l'exposition.",
  "Fiches de l'équipe de médiation, édition révisée.",
  "Article de vulgarisation relu par un chercheur.",
  "Manuel scolaire de sciences de la vie et de la Terre.",
};

static const char * const phase_openings[] = {
  "Accueil et questions de départ", "Mise en route", "Brise-glace", "Recueil des idées reçues",
};
static const char * const phase_middles[] = {
  "Expérimentation", "Observation", "Manipulation en petits groupes", "Défi", "Enquête",
  "Démonstration", "Jeu de rôle",
};
static const char * const phase_closings[] = {
  "Mise en commun", "Conclusion et prolongements", "Synthèse collective",
};
static const char * const mediator_actions[] = {
  "Pose la question de départ et note les hypothèses au tableau.",
  "Distribue le matériel et circule entre les groupes.",
  "Relance les groupes en panne avec un indice.",
  "Fait reformuler les résultats par les participants.",
};
static const char * const audience_actions[] = {
  "Formulent des hypothèses.", "Manipulent et notent leurs observations.",
  "Comparent leurs résultats.", "Présentent leur conclusion au groupe.",
};

/* Data: sessions ----------------------------------------------------------- */

typedef struct
{
  const char *period;
  const char *starts_at;
  const char *ends_at;
} Period;

static const Period periods[] = {
  { "morning", "09:00", "12:30" },
  { "afternoon", "13:30", "17:00" },
};

typedef struct
{
  PsrDatabase     *db;
  GRand           *rand;
  GDate            today;
  GTimeZone       *local;
  guint            n_trainers;
  guint            days;
  guint            session_weight;
  char            *consent_at;

  PsrProgressFunc  progress;
  gpointer         user_data;
  guint64          done;
  guint64          total;
  guint            reported_percent;

  GPtrArray       *given_slugs;
  GPtrArray       *family_slugs;

  gint64           levels[N_LEVELS];
  GArray          *competencies;
  GArray          *curricula;
  GArray          *modules;
  GArray          *scenarios;
  GArray          *trainees;
  GArray          *trainers;
} Generator;

static void
generator_clear (Generator *gen)
{
  g_clear_pointer (&gen->rand, g_rand_free);
  g_clear_pointer (&gen->local, g_time_zone_unref);
  g_clear_pointer (&gen->consent_at, g_free);
  g_clear_pointer (&gen->given_slugs, g_ptr_array_unref);
  g_clear_pointer (&gen->family_slugs, g_ptr_array_unref);
  g_clear_pointer (&gen->competencies, g_array_unref);
  g_clear_pointer (&gen->curricula, g_array_unref);
  g_clear_pointer (&gen->modules, g_array_unref);
  g_clear_pointer (&gen->scenarios, g_array_unref);
  g_clear_pointer (&gen->trainees, g_array_unref);
  g_clear_pointer (&gen->trainers, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Generator, generator_clear)

/* Random helpers ----------------------------------------------------------- */

static guint
random_index (Generator *gen,
              guint      n)
{
  return (guint) g_rand_int_range (gen->rand, 0, (gint32) n);
}

#define PICK(gen, array) ((array)[random_index ((gen), G_N_ELEMENTS (array))])

/* Both bounds included. */
static int
random_between (Generator *gen,
                int        low,
                int        high)
{
  return g_rand_int_range (gen->rand, low, high + 1);
}

static gboolean
random_chance (Generator *gen,
               double     probability)
{
  return g_rand_double (gen->rand) < probability;
}

/* Fills @out with up to @count different indices below @n; returns how many.
 * Counts are small (a dozen at most), so retrying on a repeat is cheap. */
static guint
random_distinct (Generator *gen,
                 guint      n,
                 guint      count,
                 guint     *out)
{
  count = MIN (count, n);

  for (guint i = 0; i < count; i++)
    {
      gboolean repeated;

      do
        {
          out[i] = random_index (gen, n);
          repeated = FALSE;
          for (guint j = 0; j < i && !repeated; j++)
            repeated = out[j] == out[i];
        }
      while (repeated);
    }

  return count;
}

/* A version 4 UUID drawn from the seeded generator rather than the system's,
 * so that the same seed gives the same database. */
static void
random_uuid (Generator *gen,
             char       out[UUID_LENGTH + 1])
{
  guint8 bytes[16];

  for (guint i = 0; i < G_N_ELEMENTS (bytes); i += 4)
    {
      guint32 word = g_rand_int (gen->rand);

      bytes[i] = word >> 24;
      bytes[i + 1] = word >> 16;
      bytes[i + 2] = word >> 8;
      bytes[i + 3] = word;
    }

  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;

  g_snprintf (out, UUID_LENGTH + 1,
              "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
              bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
              bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14],
              bytes[15]);
}

static char *
format_day (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}

/* Lower-case ASCII, for the local part of an email address. */
static char *
slugify (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  char *slug = g_ascii_strdown (ascii, -1);

  for (char *p = slug; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p))
        *p = '-';
    }

  return slug;
}

static GPtrArray *
slugify_all (const char * const *names,
             guint               n_names)
{
  GPtrArray *slugs = g_ptr_array_new_full (n_names, g_free);

  for (guint i = 0; i < n_names; i++)
    g_ptr_array_add (slugs, slugify (names[i]));

  return slugs;
}

/* Statements --------------------------------------------------------------- */

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static void
bind_uuid (Generator    *gen,
           sqlite3_stmt *stmt,
           int           index)
{
  char uuid[UUID_LENGTH + 1];

  random_uuid (gen, uuid);
  bind_text (stmt, index, uuid);
}

/* A negative value stands for an empty column. */
static void
bind_optional_int (sqlite3_stmt *stmt,
                   int           index,
                   int           value)
{
  if (value < 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int (stmt, index, value);
}

/* Steps @stmt and hands back the key of the new row in @id, when asked. */
static gboolean
insert (Generator     *gen,
        sqlite3_stmt  *stmt,
        gint64        *id,
        GError       **error)
{
  if (!psr_database_step_done (gen->db, stmt, error))
    return FALSE;

  if (id != NULL)
    *id = psr_database_last_id (gen->db);

  return TRUE;
}

/* For the link tables made of two keys. */
static gboolean
insert_link (Generator   *gen,
             const char  *sql,
             gint64       first,
             gint64       second,
             GError     **error)
{
  sqlite3_stmt *stmt = psr_database_prepare (gen->db, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, second);
  return insert (gen, stmt, NULL, error);
}

/* Reports once per percent: a hundred calls at most, whatever the size. */
static void
advance (Generator *gen,
         guint      units)
{
  guint percent;

  gen->done += units;
  if (gen->progress == NULL || gen->total == 0)
    return;

  percent = (guint) MIN (gen->done * 100 / gen->total, 100);
  if (percent > gen->reported_percent)
    {
      gen->reported_percent = percent;
      gen->progress ((double) percent / 100.0, gen->user_data);
    }
}

/* Framework ---------------------------------------------------------------- */

static gboolean
insert_scale (Generator  *gen,
              gint64     *scale_id,
              GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = psr_database_prepare (gen->db, "INSERT INTO scales (uuid, name) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;

  bind_uuid (gen, stmt, 1);
  bind_text (stmt, 2, "Échelle de maîtrise");
  if (!insert (gen, stmt, scale_id, error))
    return FALSE;

  for (guint i = 0; i < N_LEVELS; i++)
    {
      stmt = psr_database_prepare (gen->db,
                                   "INSERT INTO scale_levels (uuid, scale_id, position, name,"
                                   " proficient) VALUES (?1, ?2, ?3, ?4, ?5)",
                                   error);
      if (stmt == NULL)
        return FALSE;

      bind_uuid (gen, stmt, 1);
      sqlite3_bind_int64 (stmt, 2, *scale_id);
      sqlite3_bind_int (stmt, 3, i);
      bind_text (stmt, 4, level_names[i]);
      sqlite3_bind_int (stmt, 5, i >= N_LEVELS / 2);
      if (!insert (gen, stmt, &gen->levels[i], error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_competency (Generator   *gen,
                   gint64       framework_id,
                   gint64       parent_id,
                   const char  *kind,
                   const char  *code,
                   const char  *title,
                   guint        position,
                   gint64      *id,
                   GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = psr_database_prepare (gen->db,
                               "INSERT INTO competencies (uuid, framework_id, parent_id, kind,"
                               " code, title, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                               error);
  if (stmt == NULL)
    return FALSE;

  bind_uuid (gen, stmt, 1);
  sqlite3_bind_int64 (stmt, 2, framework_id);
  if (parent_id > 0)
    sqlite3_bind_int64 (stmt, 3, parent_id);
  bind_text (stmt, 4, kind);
  bind_text (stmt, 5, code);
  bind_text (stmt, 6, title);
  sqlite3_bind_int (stmt, 7, position);
  return insert (gen, stmt, id, error);
}

static gboolean
insert_framework (Generator  *gen,
                  gint64     *framework_id,
                  GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 scale_id;

  if (!insert_scale (gen, &scale_id, error))
    return FALSE;

  stmt = psr_database_prepare (gen->db,
                               "INSERT INTO frameworks (uuid, code, title, description, scale_id)"
                               " VALUES (?1, ?2, ?3, ?4, ?5)",
                               error);
  if (stmt == NULL)
    return FALSE;

  bind_uuid (gen, stmt, 1);
  bind_text (stmt, 2, "REF-MED");
  bind_text (stmt, 3, "Référentiel de la médiation scientifique");
  bind_text (stmt, 4, "Compétences attendues d'un médiateur ou d'une médiatrice scientifique.");
  sqlite3_bind_int64 (stmt, 5, scale_id);
  if (!insert (gen, stmt, framework_id, error))
    return FALSE;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      gint64 field_id;

      if (!insert_competency (gen, *framework_id, 0, "field", fields[i].code, fields[i].title, i,
                              &field_id, error))
        return FALSE;

      for (guint j = 0; j < COMPETENCIES_PER_FIELD; j++)
        {
          g_autofree char *code = g_strdup_printf ("%s%u", fields[i].code, j + 1);
          gint64 id;

          if (!insert_competency (gen, *framework_id, field_id, "competency", code,
                                  fields[i].competencies[j], j, &id, error))
            return FALSE;

          g_array_append_val (gen->competencies, id);
        }
    }

  return TRUE;
}

/* Staging ------------------------------------------------------------------ */

/* The full-text index of SQLite 3.40 flushes its pending terms at every
 * statement savepoint, that is after each row when rows come one statement at
 * a time: thousands of tiny segments to merge, most of the run. People and
 * scenarios are therefore written to temporary tables first, then copied
 * thousands of rows a statement. Temporary tables belong to the transaction:
 * a rollback takes them away too. */
static gboolean
create_staging_tables (Generator  *gen,
                       GError    **error)
{
  return psr_database_exec (gen->db,
                            "CREATE TEMP TABLE generated_people ("
                            " id INTEGER PRIMARY KEY, uuid TEXT, given_name TEXT,"
                            " family_name TEXT, email TEXT, phone TEXT, organisation TEXT,"
                            " job TEXT, country TEXT, language TEXT, is_trainer INTEGER,"
                            " accessibility_needs TEXT, accessibility_consent_at TEXT);"
                            "CREATE TEMP TABLE generated_scenarios ("
                            " id INTEGER PRIMARY KEY, uuid TEXT, title TEXT, theme TEXT,"
                            " format TEXT, venue TEXT, age_min INTEGER, age_max INTEGER,"
                            " group_min INTEGER, group_max INTEGER, duration_minutes INTEGER,"
                            " objectives TEXT, materials TEXT, room_layout TEXT,"
                            " mediator_stance TEXT, accessibility TEXT,"
                            " difficult_situations TEXT, safety TEXT, evaluation TEXT,"
                            " sources TEXT, author TEXT, status TEXT)",
                            error);
}

/* Staged rows have consecutive keys, from @first on, which are kept: the
 * tables they go to are empty, and the keys gathered while staging stay
 * valid. */
static gboolean
copy_staged (Generator   *gen,
             const char  *sql,
             gint64       first,
             guint        count,
             guint        weight,
             GError     **error)
{
  for (guint done = 0; done < count; done += COPY_CHUNK)
    {
      guint chunk = MIN (COPY_CHUNK, count - done);
      sqlite3_stmt *stmt = psr_database_prepare (gen->db, sql, error);

      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, first + done);
      sqlite3_bind_int64 (stmt, 2, first + done + chunk - 1);
      if (!insert (gen, stmt, NULL, error))
        return FALSE;

      advance (gen, chunk * weight);
    }

  return TRUE;
}

static gboolean
drop_staging_tables (Generator  *gen,
                     GError    **error)
{
  return psr_database_exec (gen->db,
                            "DROP TABLE temp.generated_people;"
                            "DROP TABLE temp.generated_scenarios",
                            error);
}

/* People ------------------------------------------------------------------- */

static const Country *
random_country (Generator *gen)
{
  /* One large value and many small ones, as filters by country meet them. */
  if (random_chance (gen, 0.75))
    return &countries[0];

  return &PICK (gen, countries);
}

static char *
random_phone (Generator     *gen,
              const Country *country)
{
  return g_strdup_printf ("%s %02d %02d %02d %02d", country->phone_prefix,
                          random_between (gen, 0, 99), random_between (gen, 0, 99),
                          random_between (gen, 0, 99), random_between (gen, 0, 99));
}

/* The number makes the address unique: no slug holds a digit, so two people
 * never share an address even when they share a name. */
static gboolean
insert_person (Generator  *gen,
               guint       number,
               gboolean    is_trainer,
               gint64     *id,
               GError    **error)
{
  guint given = random_index (gen, G_N_ELEMENTS (given_names));
  guint family = random_index (gen, G_N_ELEMENTS (family_names));
  const Country *country = random_country (gen);
  const Organisation *organisation = NULL;
  const char *job;
  const char *domain;
  const char *needs = NULL;
  g_autofree char *email = NULL;
  g_autofree char *phone = NULL;
  sqlite3_stmt *stmt;

  if (is_trainer)
    {
      job = "Formation à la médiation scientifique";
      domain = "ecole-mediation.example.org";
    }
  else
    {
      job = PICK (gen, jobs);
      if (random_chance (gen, 0.85))
        organisation = &PICK (gen, organisations);
      domain = organisation != NULL ? organisation->domain : PICK (gen, personal_domains);
      if (random_chance (gen, 0.015))
        needs = PICK (gen, accessibility_needs);
    }

  if (is_trainer || random_chance (gen, 0.97))
    email = g_strdup_printf ("%s.%s%u@%s", (char *) g_ptr_array_index (gen->given_slugs, given),
                             (char *) g_ptr_array_index (gen->family_slugs, family), number,
                             domain);
  if (random_chance (gen, 0.6))
    phone = random_phone (gen, country);

  stmt = psr_database_prepare (gen->db,
                               "INSERT INTO temp.generated_people (uuid, given_name, family_name,"
                               " email, phone, organisation, job, country, language, is_trainer,"
                               " accessibility_needs, accessibility_consent_at)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                               error);
  if (stmt == NULL)
    return FALSE;

  bind_uuid (gen, stmt, 1);
  bind_text (stmt, 2, given_names[given]);
  bind_text (stmt, 3, family_names[family]);
  bind_text (stmt, 4, email);
  bind_text (stmt, 5, phone != NULL ? phone : "");
  bind_text (stmt, 6, is_trainer ? "École de la médiation"
                                 : organisation != NULL ? organisation->name : "");
  bind_text (stmt, 7, job);
  bind_text (stmt, 8, country->name);
  bind_text (stmt, 9, country->language);
  sqlite3_bind_int (stmt, 10, is_trainer);
  /* Needs are health data: never without the consent that goes with them. */
  bind_text (stmt, 11, needs != NULL ? needs : "");
  bind_text (stmt, 12, needs != NULL ? gen->consent_at : NULL);
  return insert (gen, stmt, id, error);
}

static gboolean
insert_people (Generator  *gen,
               GArray     *ids,
               guint       count,
               guint       first_number,
               gboolean    is_trainer,
               GError    **error)
{
  for (guint i = 0; i < count; i++)
    {
      gint64 id;

      if (!insert_person (gen, first_number + i, is_trainer, &id, error))
        return FALSE;

      g_array_append_val (ids, id);
      advance (gen, WEIGHT_PERSON_STAGED);
    }

  return TRUE;
}

/* Trainers first, so that they have the smallest keys. */
static gboolean
insert_all_people (Generator  *gen,
                   guint       n_trainees,
                   GError    **error)
{
  if (!insert_people (gen, gen->trainers, gen->n_trainers, 1, TRUE, error)
      || !insert_people (gen, gen->trainees, n_trainees, gen->n_trainers + 1, FALSE, error))
    return FALSE;

  return copy_staged (gen,
                      "INSERT INTO people (id, uuid, given_name, family_name, email, phone,"
                      " organisation, job, country, language, is_trainer, accessibility_needs,"
                      " accessibility_consent_at)"
                      " SELECT id, uuid, given_name, family_name, email, phone, organisation,"
                      " job, country, language, is_trainer, accessibility_needs,"
                      " accessibility_consent_at"
                      " FROM temp.generated_people WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
                      g_array_index (gen->trainers, gint64, 0), gen->n_trainers + n_trainees,
                      WEIGHT_PERSON_COPIED, error);
}

/* Scenarios ---------------------------------------------------------------- */

/* What a scenario's children need, drawn with the scenario: its duration is
 * the sum of its phases', its ages follow its first audience. */
typedef struct
{
  guint n_phases;
  int   durations[MAX_PHASES];
  guint n_audiences;
  guint audiences[MAX_AUDIENCES];
} ScenarioPlan;

static gboolean
insert_phases (Generator           *gen,
               gint64               scenario_id,
               const ScenarioPlan  *plan,
               GError             **error)
{
  guint middles[G_N_ELEMENTS (phase_middles)];

  random_distinct (gen, G_N_ELEMENTS (phase_middles), plan->n_phases - 2, middles);

  for (guint i = 0; i < plan->n_phases; i++)
    {
      const char *title;
      sqlite3_stmt *stmt;

      if (i == 0)
        title = PICK (gen, phase_openings);
      else if (i == plan->n_phases - 1)
        title = PICK (gen, phase_closings);
      else
        title = phase_middles[middles[i - 1]];

      stmt = psr_database_prepare (gen->db,
                                   "INSERT INTO scenario_phases (uuid, scenario_id, position,"
                                   " title, duration_minutes, mediator_actions, audience_actions)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                   error);
      if (stmt == NULL)
        return FALSE;

      bind_uuid (gen, stmt, 1);
      sqlite3_bind_int64 (stmt, 2, scenario_id);
      sqlite3_bind_int (stmt, 3, i);
      bind_text (stmt, 4, title);
      sqlite3_bind_int (stmt, 5, plan->durations[i]);
      bind_text (stmt, 6, PICK (gen, mediator_actions));
      bind_text (stmt, 7, PICK (gen, audience_actions));
      if (!insert (gen, stmt, NULL, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_scenario_links (Generator           *gen,
                       gint64               scenario_id,
                       const ScenarioPlan  *plan,
                       GError             **error)
{
  guint chosen[2];
  guint n_competencies;

  for (guint i = 0; i < plan->n_audiences; i++)
    {
      sqlite3_stmt *stmt;

      stmt = psr_database_prepare (gen->db,
                                   "INSERT INTO scenario_audiences (scenario_id, audience)"
                                   " VALUES (?1, ?2)",
                                   error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, scenario_id);
      bind_text (stmt, 2, audiences[plan->audiences[i]].audience);
      if (!insert (gen, stmt, NULL, error))
        return FALSE;
    }

  n_competencies = random_distinct (gen, gen->competencies->len, random_between (gen, 1, 2),
                                    chosen);
  for (guint i = 0; i < n_competencies; i++)
    {
      if (!insert_link (gen,
                        "INSERT INTO scenario_competencies (scenario_id, competency_id)"
                        " VALUES (?1, ?2)",
                        scenario_id, g_array_index (gen->competencies, gint64, chosen[i]),
                        error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
stage_scenario (Generator     *gen,
                guint          number,
                ScenarioPlan  *plan,
                GError       **error)
{
  const Theme *theme = &themes[number % G_N_ELEMENTS (themes)];
  const Format *format = &PICK (gen, formats);
  g_autofree char *title = NULL;
  g_autofree char *objectives = NULL;
  g_autofree char *author = NULL;
  const Audience *audience;
  int duration = 0;
  sqlite3_stmt *stmt;
  gint64 id;

  title = g_strconcat (format->prefix, theme->subject, PICK (gen, title_hooks), NULL);
  objectives = g_strconcat ("Découvrir ", theme->subject, " : ", theme->keywords,
                            ". Passer de l'observation à l'explication.", NULL);
  author = g_strconcat (PICK (gen, given_names), " ", PICK (gen, family_names), NULL);

  plan->n_audiences = random_distinct (gen, G_N_ELEMENTS (audiences),
                                       random_between (gen, 1, MAX_AUDIENCES), plan->audiences);
  audience = &audiences[plan->audiences[0]];

  plan->n_phases = random_between (gen, 3, MAX_PHASES);
  for (guint i = 0; i < plan->n_phases; i++)
    {
      plan->durations[i] = 5 * random_between (gen, 1, 4);
      duration += plan->durations[i];
    }

  stmt = psr_database_prepare (gen->db,
                               "INSERT INTO temp.generated_scenarios (uuid, title, theme, format,"
                               " venue, age_min, age_max, group_min, group_max, duration_minutes,"
                               " objectives, materials, room_layout, mediator_stance,"
                               " accessibility, difficult_situations, safety, evaluation, sources,"
                               " author, status)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
                               " ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
                               error);
  if (stmt == NULL)
    return FALSE;

  bind_uuid (gen, stmt, 1);
  bind_text (stmt, 2, title);
  bind_text (stmt, 3, theme->theme);
  bind_text (stmt, 4, format->format);
  bind_text (stmt, 5, g_str_equal (format->format, "guided-visit") ? "exhibition"
                                                                   : PICK (gen, venues));
  bind_optional_int (stmt, 6, audience->age_min);
  bind_optional_int (stmt, 7, audience->age_max);
  sqlite3_bind_int (stmt, 8, random_between (gen, 3, 10));
  sqlite3_bind_int (stmt, 9, random_between (gen, 12, 30));
  sqlite3_bind_int (stmt, 10, duration);
  bind_text (stmt, 11, objectives);
  bind_text (stmt, 12, PICK (gen, materials));
  bind_text (stmt, 13, PICK (gen, room_layouts));
  bind_text (stmt, 14, PICK (gen, mediator_stances));
  bind_text (stmt, 15, PICK (gen, accessibility_notes));
  bind_text (stmt, 16, PICK (gen, difficult_situations));
  bind_text (stmt, 17, PICK (gen, safety_notes));
  bind_text (stmt, 18, PICK (gen, evaluations));
  bind_text (stmt, 19, PICK (gen, sources));
  bind_text (stmt, 20, author);
  bind_text (stmt, 21, PICK (gen, scenario_statuses));
  if (!insert (gen, stmt, &id, error))
    return FALSE;

  g_array_append_val (gen->scenarios, id);
  return TRUE;
}

static gboolean
insert_scenarios (Generator  *gen,
                  guint       count,
                  GError    **error)
{
  g_autoptr(GArray) plans = g_array_sized_new (FALSE, FALSE, sizeof (ScenarioPlan), count);

  for (guint i = 0; i < count; i++)
    {
      ScenarioPlan plan;

      if (!stage_scenario (gen, i, &plan, error))
        return FALSE;

      g_array_append_val (plans, plan);
      advance (gen, WEIGHT_SCENARIO_STAGED);
    }

  if (count == 0)
    return TRUE;

  if (!copy_staged (gen,
                    "INSERT INTO scenarios (id, uuid, title, theme, format, venue, age_min,"
                    " age_max, group_min, group_max, duration_minutes, objectives, materials,"
                    " room_layout, mediator_stance, accessibility, difficult_situations, safety,"
                    " evaluation, sources, author, status)"
                    " SELECT id, uuid, title, theme, format, venue, age_min, age_max, group_min,"
                    " group_max, duration_minutes, objectives, materials, room_layout,"
                    " mediator_stance, accessibility, difficult_situations, safety, evaluation,"
                    " sources, author, status"
                    " FROM temp.generated_scenarios WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
                    g_array_index (gen->scenarios, gint64, 0), count, WEIGHT_SCENARIO_COPIED,
                    error))
    return FALSE;

  for (guint i = 0; i < count; i++)
    {
      gint64 id = g_array_index (gen->scenarios, gint64, i);
      const ScenarioPlan *plan = &g_array_index (plans, ScenarioPlan, i);

      if (!insert_phases (gen, id, plan, error) || !insert_scenario_links (gen, id, plan, error))
        return FALSE;

      advance (gen, WEIGHT_SCENARIO_CHILDREN);
    }

  return TRUE;
}

/* Curricula ---------------------------------------------------------------- */

static gboolean
insert_module (Generator   *gen,
               gint64       curriculum_id,
               guint        position,
               const char  *title,
               double       hours,
               GError     **error)
{
  sqlite3_stmt *stmt;
  guint chosen[2];
  guint n_chosen;
  gint64 id;

  stmt = psr_database_prepare (gen->db,
                               "INSERT INTO modules (uuid, curriculum_id, position, title,"
                               " duration_hours, method) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                               error);
  if (stmt == NULL)
    return FALSE;

  bind_uuid (gen, stmt, 1);
  sqlite3_bind_int64 (stmt, 2, curriculum_id);
  sqlite3_bind_int (stmt, 3, position);
  bind_text (stmt, 4, title);
  sqlite3_bind_double (stmt, 5, hours);
  bind_text (stmt, 6, PICK (gen, module_methods));
  if (!insert (gen, stmt, &id, error))
    return FALSE;

  g_array_append_val (gen->modules, id);

  n_chosen = random_distinct (gen, gen->competencies->len, random_between (gen, 1, 2), chosen);
  for (guint i = 0; i < n_chosen; i++)
    {
      stmt = psr_database_prepare (gen->db,
                                   "INSERT INTO module_competencies (module_id, competency_id,"
                                   " target_level_id) VALUES (?1, ?2, ?3)",
                                   error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (gen->competencies, gint64, chosen[i]));
      sqlite3_bind_int64 (stmt, 3, gen->levels[random_between (gen, N_LEVELS / 2, N_LEVELS - 1)]);
      if (!insert (gen, stmt, NULL, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_curriculum (Generator       *gen,
                   const Curriculum *curriculum,
                   gint64            framework_id,
                   GError          **error)
{
  guint middles[G_N_ELEMENTS (module_titles)];
  guint n_middles = random_distinct (gen, G_N_ELEMENTS (module_titles), random_between (gen, 1, 3),
                                     middles);
  char lineage[UUID_LENGTH + 1];
  sqlite3_stmt *stmt;
  double hours = 3.5;
  gint64 id;

  random_uuid (gen, lineage);

  stmt = psr_database_prepare (gen->db,
                               "INSERT INTO curricula (uuid, lineage_uuid, framework_id, title,"
                               " summary, audience, duration_hours, modality, price_cents,"
                               " contact, status)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                               error);
  if (stmt == NULL)
    return FALSE;

  bind_uuid (gen, stmt, 1);
  bind_text (stmt, 2, lineage);
  sqlite3_bind_int64 (stmt, 3, framework_id);
  bind_text (stmt, 4, curriculum->title);
  bind_text (stmt, 5, curriculum->summary);
  bind_text (stmt, 6, curriculum->audience);
  /* Each module is a half-day: the opening, the middle ones, the closing. */
  sqlite3_bind_double (stmt, 7, hours * (n_middles + 2));
  bind_text (stmt, 8, PICK (gen, modalities));
  sqlite3_bind_int (stmt, 9, 100 * 50 * random_between (gen, 8, 30));
  bind_text (stmt, 10, "formation@ecole-mediation.example.org");
  bind_text (stmt, 11, "published");
  if (!insert (gen, stmt, &id, error))
    return FALSE;

  g_array_append_val (gen->curricula, id);

  if (!insert_module (gen, id, 0, module_first, hours, error))
    return FALSE;

  for (guint i = 0; i < n_middles; i++)
    {
      if (!insert_module (gen, id, i + 1, module_titles[middles[i]], hours, error))
        return FALSE;
    }

  return insert_module (gen, id, n_middles + 1, module_last, hours, error);
}

/* Run after the scenarios exist: modules point at a few of them. */
static gboolean
link_modules_to_scenarios (Generator  *gen,
                           GError    **error)
{
  if (gen->scenarios->len == 0)
    return TRUE;

  for (guint i = 0; i < gen->modules->len; i++)
    {
      guint chosen[3];
      guint n_chosen = random_distinct (gen, gen->scenarios->len, random_between (gen, 1, 3),
                                        chosen);

      for (guint j = 0; j < n_chosen; j++)
        {
          sqlite3_stmt *stmt;

          stmt = psr_database_prepare (gen->db,
                                       "INSERT INTO module_scenarios (module_id, scenario_id,"
                                       " position) VALUES (?1, ?2, ?3)",
                                       error);
          if (stmt == NULL)
            return FALSE;

          sqlite3_bind_int64 (stmt, 1, g_array_index (gen->modules, gint64, i));
          sqlite3_bind_int64 (stmt, 2, g_array_index (gen->scenarios, gint64, chosen[j]));
          sqlite3_bind_int (stmt, 3, j);
          if (!insert (gen, stmt, NULL, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* Sessions ----------------------------------------------------------------- */

typedef struct
{
  gint64   id;
  gboolean past;
  char    *day;
  char    *ended_at;
} Slot;

static void
slot_clear (Slot *slot)
{
  g_clear_pointer (&slot->day, g_free);
  g_clear_pointer (&slot->ended_at, g_free);
}

static void
skip_weekend (GDate *date)
{
  while (g_date_get_weekday (date) >= G_DATE_SATURDAY)
    g_date_add_days (date, 1);
}

static void
next_working_day (GDate *date)
{
  g_date_add_days (date, 1);
  skip_weekend (date);
}

/* A working day between two years ago and a year ahead. */
static void
random_start (Generator *gen,
              GDate     *date)
{
  int offset = random_between (gen, -DAYS_BACK, DAYS_AHEAD);

  *date = gen->today;
  if (offset < 0)
    g_date_subtract_days (date, -offset);
  else
    g_date_add_days (date, offset);

  skip_weekend (date);
}

/* Times of slots are those of the place; instants are stored in UTC. */
static char *
utc_instant (Generator  *gen,
             const char *day,
             const char *time)
{
  g_autofree char *text = g_strconcat (day, "T", time, ":00", NULL);
  g_autoptr(GDateTime) local = g_date_time_new_from_iso8601 (text, gen->local);
  g_autoptr(GDateTime) utc = g_date_time_to_utc (local);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.000Z");
}

static const char *
session_status (Generator   *gen,
                const GDate *first,
                const GDate *last)
{
  if (random_chance (gen, 0.04))
    return "cancelled";
  if (g_date_compare (last, &gen->today) < 0)
    return "done";
  if (g_date_compare (first, &gen->today) <= 0)
    return "running";

  return random_chance (gen, 0.5) ? "confirmed" : "planned";
}

static gboolean
insert_slots (Generator    *gen,
              gint64        session_id,
              const GDate  *first,
              Slot         *slots,
              guint         n_days,
              GError      **error)
{
  GDate day = *first;

  for (guint d = 0; d < n_days; d++)
    {
      for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
        {
          Slot *slot = &slots[d * G_N_ELEMENTS (periods) + p];
          sqlite3_stmt *stmt;

          slot->day = format_day (&day);
          slot->ended_at = utc_instant (gen, slot->day, periods[p].ends_at);
          slot->past = g_date_compare (&day, &gen->today) < 0;

          stmt = psr_database_prepare (gen->db,
                                       "INSERT INTO session_slots (uuid, session_id, day, period,"
                                       " starts_at, ends_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                       error);
          if (stmt == NULL)
            return FALSE;

          bind_uuid (gen, stmt, 1);
          sqlite3_bind_int64 (stmt, 2, session_id);
          bind_text (stmt, 3, slot->day);
          bind_text (stmt, 4, periods[p].period);
          bind_text (stmt, 5, periods[p].starts_at);
          bind_text (stmt, 6, periods[p].ends_at);
          if (!insert (gen, stmt, &slot->id, error))
            return FALSE;
        }

      next_working_day (&day);
    }

  return TRUE;
}

static const char *
attendance_status (Generator  *gen,
                   const char *enrollment_status)
{
  double draw;

  if (g_str_equal (enrollment_status, "no-show"))
    return "absent";

  draw = g_rand_double (gen->rand);
  if (draw < 0.85)
    return "present";
  if (draw < 0.91)
    return "late";
  if (draw < 0.96)
    return "absent";

  return "excused";
}

static gboolean
insert_attendance (Generator   *gen,
                   const Slot  *slot,
                   gint64       person_id,
                   const char  *enrollment_status,
                   GError     **error)
{
  const char *status = attendance_status (gen, enrollment_status);
  sqlite3_stmt *stmt;

  stmt = psr_database_prepare (gen->db,
                               "INSERT INTO attendance (uuid, slot_id, person_id, status, note,"
                               " recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                               error);
  if (stmt == NULL)
    return FALSE;

  bind_uuid (gen, stmt, 1);
  sqlite3_bind_int64 (stmt, 2, slot->id);
  sqlite3_bind_int64 (stmt, 3, person_id);
  bind_text (stmt, 4, status);
  bind_text (stmt, 5, g_str_equal (status, "present") ? "" : PICK (gen, attendance_notes));
  bind_text (stmt, 6, slot->ended_at);
  return insert (gen, stmt, NULL, error);
}

/* Trainees beyond the capacity wait, in order, unless the session is over. */
static gboolean
insert_enrollments (Generator    *gen,
                    gint64        session_id,
                    const GDate  *first,
                    guint         capacity,
                    gboolean      cancelled,
                    const Slot   *slots,
                    guint         n_slots,
                    GError      **error)
{
  guint chosen[MAX_ENROLLMENTS];
  guint n_chosen;
  GDate enrolled_on = *first;
  g_autofree char *enrolled_day = NULL;
  g_autofree char *enrolled_at = NULL;
  gboolean over = g_date_compare (first, &gen->today) < 0;

  if (gen->trainees->len == 0)
    return TRUE;

  g_date_subtract_days (&enrolled_on, random_between (gen, 7, 60));
  enrolled_day = format_day (&enrolled_on);
  enrolled_at = g_strconcat (enrolled_day, "T10:00:00.000Z", NULL);

  n_chosen = random_distinct (gen, gen->trainees->len,
                              random_between (gen, MIN_ENROLLMENTS, MAX_ENROLLMENTS), chosen);
  for (guint i = 0; i < n_chosen; i++)
    {
      gint64 person_id = g_array_index (gen->trainees, gint64, chosen[i]);
      const char *status = "enrolled";
      const char *reason = "";
      sqlite3_stmt *stmt;
      int waiting = -1;

      if (i >= capacity && !over)
        {
          status = "waiting";
          waiting = i - capacity + 1;
        }
      else if (random_chance (gen, 0.05))
        {
          status = "cancelled";
          reason = PICK (gen, enrollment_cancel_reasons);
        }
      else if (over && random_chance (gen, 0.03))
        {
          status = "no-show";
        }

      stmt = psr_database_prepare (gen->db,
                                   "INSERT INTO enrollments (uuid, session_id, person_id, status,"
                                   " waiting_position, cancel_reason, enrolled_at)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                   error);
      if (stmt == NULL)
        return FALSE;

      bind_uuid (gen, stmt, 1);
      sqlite3_bind_int64 (stmt, 2, session_id);
      sqlite3_bind_int64 (stmt, 3, person_id);
      bind_text (stmt, 4, status);
      bind_optional_int (stmt, 5, waiting);
      bind_text (stmt, 6, reason);
      bind_text (stmt, 7, enrolled_at);
      if (!insert (gen, stmt, NULL, error))
        return FALSE;

      if (cancelled || g_str_equal (status, "waiting") || g_str_equal (status, "cancelled"))
        continue;

      for (guint s = 0; s < n_slots && slots[s].past; s++)
        {
          if (!insert_attendance (gen, &slots[s], person_id, status, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
insert_session (Generator  *gen,
                GError    **error)
{
  guint curriculum = random_index (gen, gen->curricula->len);
  const Place *place = &PICK (gen, places);
  guint n_days = gen->days > 0 ? gen->days : (guint) random_between (gen, MIN_DAYS, MAX_DAYS);
  guint n_slots = n_days * G_N_ELEMENTS (periods);
  guint capacity = random_between (gen, 8, 14);
  g_autofree Slot *slots = g_new0 (Slot, n_slots);
  GDate first;
  GDate last;
  const char *status;
  sqlite3_stmt *stmt;
  gint64 id;
  guint trainers[2];
  guint n_trainers;
  gboolean ok;

  random_start (gen, &first);
  last = first;
  for (guint d = 1; d < n_days; d++)
    next_working_day (&last);
  status = session_status (gen, &first, &last);

  /* Once a session has begun, nobody waits any more: everybody was let in. */
  if (g_date_compare (&first, &gen->today) < 0)
    capacity = MAX_ENROLLMENTS;

  stmt = psr_database_prepare (gen->db,
                               "INSERT INTO sessions (uuid, curriculum_id, title, place, room,"
                               " capacity, min_trainees, status, cancel_reason)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                               error);
  if (stmt == NULL)
    return FALSE;

  bind_uuid (gen, stmt, 1);
  sqlite3_bind_int64 (stmt, 2, g_array_index (gen->curricula, gint64, curriculum));
  bind_text (stmt, 3, curricula[curriculum].title);
  bind_text (stmt, 4, place->place);
  bind_text (stmt, 5, PICK (gen, rooms));
  sqlite3_bind_int (stmt, 6, capacity);
  sqlite3_bind_int (stmt, 7, MIN_ENROLLMENTS);
  bind_text (stmt, 8, status);
  bind_text (stmt, 9, g_str_equal (status, "cancelled") ? PICK (gen, session_cancel_reasons) : "");
  if (!insert (gen, stmt, &id, error))
    return FALSE;

  n_trainers = random_distinct (gen, gen->trainers->len, random_between (gen, 1, 2), trainers);
  for (guint i = 0; i < n_trainers; i++)
    {
      if (!insert_link (gen,
                        "INSERT INTO session_trainers (session_id, person_id) VALUES (?1, ?2)",
                        id, g_array_index (gen->trainers, gint64, trainers[i]), error))
        return FALSE;
    }

  ok = insert_slots (gen, id, &first, slots, n_days, error)
       && insert_enrollments (gen, id, &first, capacity, g_str_equal (status, "cancelled"), slots,
                              n_slots, error);

  for (guint s = 0; s < n_slots; s++)
    slot_clear (&slots[s]);

  return ok;
}

/* The whole run ------------------------------------------------------------ */

static gboolean
generate (Generator                 *gen,
          const PsrGenerateOptions  *options,
          GError                   **error)
{
  gint64 framework_id;

  if (!insert_framework (gen, &framework_id, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (curricula); i++)
    {
      if (!insert_curriculum (gen, &curricula[i], framework_id, error))
        return FALSE;
    }

  if (!create_staging_tables (gen, error)
      || !insert_all_people (gen, options->trainees, error)
      || !insert_scenarios (gen, options->scenarios, error)
      || !drop_staging_tables (gen, error))
    return FALSE;

  if (!link_modules_to_scenarios (gen, error))
    return FALSE;

  for (guint i = 0; i < options->sessions; i++)
    {
      if (!insert_session (gen, error))
        return FALSE;

      advance (gen, gen->session_weight);
    }

  return TRUE;
}

static void
generator_init (Generator                *gen,
                PsrDatabase              *db,
                const PsrGenerateOptions *options,
                PsrProgressFunc           progress,
                gpointer                  user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = NULL;

  gen->db = db;
  gen->rand = g_rand_new_with_seed (options->seed);
  gen->local = g_time_zone_new_local ();
  g_date_clear (&gen->today, 1);
  g_date_set_dmy (&gen->today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
  today = format_day (&gen->today);
  gen->consent_at = g_strconcat (today, "T09:00:00.000Z", NULL);

  gen->progress = progress;
  gen->user_data = user_data;
  gen->n_trainers = CLAMP (options->sessions / SESSIONS_PER_TRAINER, MIN_TRAINERS, MAX_TRAINERS);
  /* Writing a session takes about as long as it has days. */
  gen->days = options->days;
  gen->session_weight = options->days > 0
                        ? WEIGHT_SESSION * 2 * options->days / (MIN_DAYS + MAX_DAYS)
                        : WEIGHT_SESSION;
  gen->total = ((guint64) options->trainees + gen->n_trainers)
               * (WEIGHT_PERSON_STAGED + WEIGHT_PERSON_COPIED)
               + (guint64) options->scenarios
                 * (WEIGHT_SCENARIO_STAGED + WEIGHT_SCENARIO_COPIED + WEIGHT_SCENARIO_CHILDREN)
               + (guint64) options->sessions * gen->session_weight;

  gen->given_slugs = slugify_all (given_names, G_N_ELEMENTS (given_names));
  gen->family_slugs = slugify_all (family_names, G_N_ELEMENTS (family_names));

  gen->competencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  gen->curricula = g_array_new (FALSE, FALSE, sizeof (gint64));
  gen->modules = g_array_new (FALSE, FALSE, sizeof (gint64));
  gen->scenarios = g_array_sized_new (FALSE, FALSE, sizeof (gint64), options->scenarios);
  gen->trainees = g_array_sized_new (FALSE, FALSE, sizeof (gint64), options->trainees);
  gen->trainers = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/**
 * psr_generate:
 * @db: an empty database
 * @options: how many records of each kind, and the seed
 * @progress: (nullable): called with the fraction done, a hundred times at most
 * @user_data: data for @progress
 * @error: return location for a #PsrError
 *
 * Fills @db with synthetic records for benchmarks, in one transaction: on
 * failure nothing is left behind. The same seed gives the same records, apart
 * from the dates, which follow today's.
 *
 * Returns: %TRUE when the database was filled
 */
gboolean
psr_generate (PsrDatabase               *db,
              const PsrGenerateOptions  *options,
              PsrProgressFunc            progress,
              gpointer                   user_data,
              GError                   **error)
{
  g_auto(Generator) gen = { 0 };

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!psr_database_is_empty (db))
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("The database already holds records. Test data can only be generated "
                     "into a new, empty database: choose another file."));
      return FALSE;
    }

  if (options->days > MAX_ASKED_DAYS)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   ngettext ("A session can last at most %u day.",
                             "A session can last at most %u days.", MAX_ASKED_DAYS),
                   MAX_ASKED_DAYS);
      return FALSE;
    }

  generator_init (&gen, db, options, progress, user_data);

  if (!psr_database_begin (db, error))
    return FALSE;

  if (!generate (&gen, options, error))
    {
      psr_database_rollback (db);
      return FALSE;
    }

  if (!psr_database_commit (db, error))
    return FALSE;

  if (progress != NULL && gen.reported_percent < 100)
    progress (1.0, user_data);

  return TRUE;
}
