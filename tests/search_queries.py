"""Dutch queries in patients' own words, each with the page it must find in the top three.

Word forms on purpose: singular against a plural inside a compound, separable verbs,
lay words for the article's terms, and short questions.
"""

QUERIES = (
    ("doorzakken", "wanneer-minder-goed/"),
    ("mijn been zakt door", "wanneer-minder-goed/"),
    ("ademhalen", "opbouwen/"),
    ("hoe moet ik ademen tijdens het lopen", "opbouwen/"),
    ("uitademen", "opbouwen/"),
    ("hernia", "wandelen-per-klacht/"),
    ("ischias", "wandelen-per-klacht/"),
    ("uitstralende pijn in mijn been", "wandelen-per-klacht/"),
    ("slijtage", "wandelen-per-klacht/"),
    ("versleten rug", "wandelen-per-klacht/"),
    ("gespannen spieren", "wandelen-per-klacht/"),
    ("al jaren rugpijn", "wandelen-per-klacht/"),
    ("mag ik wandelen met rugpijn", "veelgestelde-vragen/"),
    ("is wandelen veilig", "veelgestelde-vragen/"),
    ("joggen", "veelgestelde-vragen/"),
    ("hoe snel helpt wandelen", "veelgestelde-vragen/"),
    ("hoe hard moet ik lopen", "veelgestelde-vragen/"),
    ("schoenen", "veelgemaakte-fouten/"),
    ("wandelschoen", "veelgemaakte-fouten/"),
    ("grote passen", "veelgemaakte-fouten/"),
    ("stijve rug", "waarom-wandelen-werkt/"),
    ("kantoorbaan", "waarom-wandelen-werkt/"),
    ("de hele dag achter een bureau", "waarom-wandelen-werkt/"),
    ("tussenwervelschijf", "waarom-wandelen-werkt/"),
    ("fysio", "multidisciplinaire-rugzorg/"),
    ("chiropractor", "multidisciplinaire-rugzorg/"),
    ("wetenschappelijk bewijs", "onderzoek/"),
    ("studies", "onderzoek/"),
    ("hoeveel minuten per dag wandelen", "opbouwen/"),
    ("langzaam opbouwen", "opbouwen/"),
    ("arm zwaaien", "opbouwen/"),
    ("wandelschema maken", "rekenhulpen/"),
    ("wandelen in het weekend", "dagschema/"),
    ("s avonds wandelen", "dagschema/"),
    ("afspraak maken", "hulp-nodig/"),
    ("telefoonnummer", "hulp-nodig/"),
    ("bekken", "wanneer-minder-goed/"),
    # Written after the search words, and not tuned for.
    ("hoe lang moet ik wandelen", "opbouwen/"),
    ("is hardlopen slecht voor mijn rug", "veelgestelde-vragen/"),
    # The article's "Wandelen werkt bijzonder goed ... na lang zitten" is on 'Zo bouw je het op'
    # (Gebruik wandelen als herstelmoment): that is the page that answers (this query expected
    # 'Waarom wandelen werkt' before, which only says "tegenhanger van zitten").
    ("wandelen na lang zitten", "opbouwen/"),
    ("zenuw bekneld", "wandelen-per-klacht/"),
    ("wandelen helpt niet", "wanneer-minder-goed/"),
    ("artrose in de rug", "wandelen-per-klacht/"),
    ("hoe vaak per dag wandelen", "dagschema/"),
    ("wandelen tegen stress", "waarom-wandelen-werkt/"),
    ("verkeerde schoenen", "veelgemaakte-fouten/"),
    ("te snel lopen", "veelgemaakte-fouten/"),
    ("onderzoek wandelen rugpijn", "onderzoek/"),
    ("wandelpauze", "dagschema/"),
)

# One letter wrong (a word of six letters or more): the page the right word finds.
# Written by hand, the kinds of slip patients make: a letter left out, doubled, swapped
# or replaced.
MISSPELT = (
    ("doorzaken", "wanneer-minder-goed/"),
    ("ademhalem", "opbouwen/"),
    ("ischais", "wandelen-per-klacht/"),
    ("slijtgae", "wandelen-per-klacht/"),
    ("artorse", "wandelen-per-klacht/"),
    ("gespannen spiren", "wandelen-per-klacht/"),
    ("hernai", "wandelen-per-klacht/"),
    ("joggne", "veelgestelde-vragen/"),
    ("schoenne", "veelgemaakte-fouten/"),
    ("wandelschoenn", "veelgemaakte-fouten/"),
    ("kantorbaan", "waarom-wandelen-werkt/"),
    ("tussenwervelschjif", "waarom-wandelen-werkt/"),
    ("chiropracter", "multidisciplinaire-rugzorg/"),
    ("fysioterapie", "multidisciplinaire-rugzorg/"),
    ("telefoonummer", "hulp-nodig/"),
    ("wetenschapelijk bewijs", "onderzoek/"),
    ("facetgewricten", "waarom-wandelen-werkt/"),
    ("piekbelsting", "veelgestelde-vragen/"),
    ("wandelpuaze", "dagschema/"),
    ("zenuwwortles", "wandelen-per-klacht/"),
)

# A glossary word's everyday word (woordenlijst.yml, 'zoekwoorden'), or a word of its
# explanation: the page where the glossary word stands.
EVERYDAY = (
    ("heiligbeen", "wanneer-minder-goed/"),
    ("borstademhaling", "wanneer-minder-goed/"),
    ("buikademhaling", "dagschema/"),
    ("knopen in de spieren", "wandelen-per-klacht/"),
    ("gewrichtsvloeistof", "wandelen-per-klacht/"),
    ("vicieuze cirkel", "wandelen-per-klacht/"),
    ("beknelde zenuw", "wandelen-per-klacht/"),
    ("schokken", "veelgestelde-vragen/"),
    ("regelmaat", "opbouwen/"),
    ("pezen en banden", "waarom-wandelen-werkt/"),
)
