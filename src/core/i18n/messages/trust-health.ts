import { defineMessages } from "../define-messages.js";

/**
 * Trust-health strings: pillar names, RAG and trend words, the diagnoses with their next steps
 * (drawn from the brief, seeds/), notable events and say-vs-do findings.
 */
export const trustHealthMessages = defineMessages(
  {
    "trustHealth.pillar.reliability": "Reliability",
    "trustHealth.pillar.reciprocity": "Reciprocity",
    "trustHealth.pillar.transparency": "Transparency",
    "trustHealth.pillar.clear_agreements": "Clear agreements",
    "trustHealth.pillar.trust": "Trust",
    "trustHealth.rag.green": "green",
    "trustHealth.rag.amber": "amber",
    "trustHealth.rag.red": "red",
    "trustHealth.rag.no_data": "no data",
    "trustHealth.trend.up": "up {delta}",
    "trustHealth.trend.down": "down {delta}",
    "trustHealth.trend.steady": "steady ({delta})",
    "trustHealth.trend.new": "new",
    "trustHealth.trend.no_data": "–",
    "trustHealth.noData": "no data",
    "trustHealth.uncertainty.low": "a collaboration with a clear goal",
    "trustHealth.uncertainty.medium": "a collaboration whose outcome is partly open",
    "trustHealth.uncertainty.high": "an innovative collaboration with an open outcome",
    "trustHealth.uncertaintyNote":
      "This is {level}: trust weighs {weight}× in the index but counts only as far as the foundations back it; it is low below {below}, and with high trust a record below {fragile} is fragile.",

    "trustHealth.diagnosis.insufficient_data.title": "Not enough evidence yet",
    "trustHealth.diagnosis.insufficient_data.explanation":
      "A verdict is given only when the whole interval clears its threshold, so that a few answers or outcomes cannot flip it.",
    "trustHealth.diagnosis.fragile_trust.title": "Fragile trust",
    "trustHealth.diagnosis.fragile_trust.explanation":
      "Trust rests on a feeling the record does not back up; it does not survive the first setback.",
    "trustHealth.diagnosis.foundations_weak.title": "Work on the foundations first",
    "trustHealth.diagnosis.foundations_weak.explanation":
      "Trust does not exist up front; it grows out of reliability, reciprocity, transparency and clear agreements.",
    "trustHealth.diagnosis.trust_lags.title": "Trust lags behind",
    "trustHealth.diagnosis.trust_lags.explanation":
      "The foundations are there, but being reliable is not yet the same as trusting each other.",
    "trustHealth.diagnosis.healthy.title": "Healthy",
    "trustHealth.diagnosis.healthy.explanation":
      "Agreements are kept and trust is in line with the record.",
    "trustHealth.diagnosis.developing.title": "Foundations under construction",
    "trustHealth.diagnosis.developing.explanation":
      "The record is neither weak nor strong yet.",

    "trustHealth.step.insufficient_data.1":
      "Log agreements between the partners as commitments and answer the pulse check-ins; the diagnosis appears once there are enough answers.",
    "trustHealth.step.insufficient_data.2":
      "Ask each steering-committee member to encourage their own team to take part.",
    "trustHealth.step.fragile_trust.1":
      "Go through the broken and late commitments with the partner involved and agree what happens next.",
    "trustHealth.step.fragile_trust.2":
      "Make every agreement explicit (owner, due date, definition of done) so that keeping it can be measured.",
    "trustHealth.step.fragile_trust.3":
      "Don't lean on the good feeling: show reliable behaviour first, so that trust has something to grow from.",
    "trustHealth.step.foundations_weak.1":
      "Start with reliability: keep agreements, be predictable and be open about your own goals.",
    "trustHealth.step.foundations_weak.2":
      "Be transparent about each organisation's own interests; without it nobody commits fully.",
    "trustHealth.step.foundations_weak.3":
      "Check the give and take in both directions; without reciprocity a collaboration is bound to fail.",
    "trustHealth.step.foundations_weak.4":
      "Make clear agreements; without them you cannot measure anything.",
    "trustHealth.step.trust_lags.1":
      "The foundations are in place: invest in conversations about shared values and norms.",
    "trustHealth.step.trust_lags.2":
      "Discuss where the market, society and the necessary changes are taking you, and whether you see it the same way.",
    "trustHealth.step.trust_lags.3":
      "Keep up the reliable behaviour; trust grows when it is shown over a long time.",
    "trustHealth.step.healthy.1":
      "Keep doing what works: keep agreements, give and take, stay open about interests.",
    "trustHealth.step.healthy.2":
      "Use the trust you have built to take the risks the alliance needs to succeed.",
    "trustHealth.step.healthy.3":
      "Revisit the culture fit now and then; differences in values and ways of working surface over time.",
    "trustHealth.step.developing.1":
      "Improve the weakest foundation pillar first (see the amber and red pillars above).",
    "trustHealth.step.developing.2":
      "Agree clear commitments and keep them; a longer record of reliable behaviour is what lets trust grow.",

    "trustHealth.event.commitment_broken": "Broken: “{text}” ({owner} → {beneficiary}, due {dueDate})",
    "trustHealth.event.commitment_disputed": "Disputed: “{text}” ({owner} → {beneficiary}, due {dueDate})",
    "trustHealth.event.commitment_overdue": "Overdue by {days, plural, one {# day} other {# days}}: “{text}” ({owner} → {beneficiary}, due {dueDate})",
    "trustHealth.event.participation_falling": "Participation at {organization} fell from {previous}% to {current}%",
    "trustHealth.event.pillar_turned_red": "{pillar} turned red ({score}, was {previous})",
    "trustHealth.eventStep.commitment_broken":
      "Talk with the owner and the receiving side about what went wrong, and agree a new commitment if it is still needed.",
    "trustHealth.eventStep.commitment_disputed":
      "Settle the dispute: owner and receiver agree what 'done' meant and record the outcome.",
    "trustHealth.eventStep.commitment_overdue":
      "Ask the owners for a new date or an honest 'broken'; renegotiating before the due date keeps the record reliable.",
    "trustHealth.eventStep.participation_falling":
      "Ask the organisation's sponsor why fewer people answer; fewer answers make the scores less reliable and may hide a problem.",
    "trustHealth.eventStep.pillar_turned_red": "Put {pillar} on the agenda of the next steering-committee meeting.",
    "trustHealth.anyone": "anyone",

    "trustHealth.record.pair": "{giver} keeps {kept}% of what it owes {receiver} ({low}–{high}%, based on {n, plural, one {# outcome} other {# outcomes}})",
    "trustHealth.record.organization": "{giver} keeps {kept}% of what it owes its partners ({low}–{high}%, based on {n, plural, one {# outcome} other {# outcomes}})",
    "trustHealth.record.alliance": "The partners keep {kept}% of what they owe each other ({low}–{high}%, based on {n, plural, one {# outcome} other {# outcomes}})",
    "trustHealth.trustIn.pair": "{receiver}'s trust in {giver}",
    "trustHealth.trustIn.organization": "trust in {giver}",
    "trustHealth.trustIn.alliance": "trust between the partners",
    "trustHealth.trustFigure": "{score}, {low}–{high}, based on {n} people",
    "trustHealth.verdict.fragile_trust": "Fragile trust: {record}, while {trustIn} is high ({trust}).",
    "trustHealth.verdict.foundations_weak": "Foundations weak: {record}; that is clearly below {amber}.",
    "trustHealth.verdict.trust_lags": "Trust lags: {record}, but {trustIn} is low ({trust}; low is below {below}).",
    "trustHealth.verdict.healthy": "Healthy: {record}, and {trustIn} is {trust}.",
    "trustHealth.verdict.developing": "Developing: {record}; neither weak nor strong yet.",
    "trustHealth.verdict.insufficient_data": "Not enough evidence yet: no verdict that one extra answer or outcome could overturn.",
    "trustHealth.verdict.insufficient_data.record": "{record}: not clear enough yet for a verdict that one extra answer or outcome could not overturn.",
    "trustHealth.noTrustFigure": "no trust figure",
    "trustHealth.talk.fragile_trust":
      "{giver} and {receiver}: go through what {giver} promised {receiver} and did not deliver, and agree what happens next before leaning on the good feeling.",
    "trustHealth.talk.foundations_weak":
      "{giver} and {receiver}: go through what {giver} promised {receiver} and did not deliver, and agree fewer, clearer commitments that {giver} can keep.",
    "trustHealth.talk.trust_lags":
      "{receiver}: {giver} keeps its agreements with you; talk with {giver} about shared values and where you are heading, so trust can catch up with the record.",
    "trustHealth.talk.developing": "{giver} and {receiver}: agree which commitments {giver} keeps next and review them together.",
    "trustHealth.talk.lopsided": "{taker} and {giver}: {giver} delivers much more to {taker} than the other way round; talk about what {taker} can give back.",
    "trustHealth.partners": "its partners",
    "trustHealth.list": "{items} and {last}",
    "trustHealth.lopsided": "Give and take is lopsided: {giver} delivered {given} to {taker}, {taker} delivered {received} to {giver}.",

    "trustHealth.sayVsDo.not_enough_data":
      "Not enough data yet to see what moves trust (needs {min} data points per pillar).",
    "trustHealth.sayVsDo.no_poll": "No poll result yet on what members think matters most.",
    "trustHealth.sayVsDo.nothing_moves":
      "Members say {topSaid} matters most ({share}), but no foundation pillar clearly moves with trust yet.",
    "trustHealth.sayVsDo.trust_grows_from":
      "Members say {topSaid} matters most ({share}); here trust moves most with {topMover} (r = {r}). Trust grows out of the foundations.",
    "trustHealth.sayVsDo.aligned": "Members say {topSaid} matters most ({share}), and trust does move most with it (r = {r}).",
    "trustHealth.sayVsDo.mismatch":
      "Members say {topSaid} matters most ({share}), but trust moves most with {topMover} (r = {r}).",
  },
  {
    "trustHealth.pillar.reliability": "Betrouwbaarheid",
    "trustHealth.pillar.reciprocity": "Wederkerigheid",
    "trustHealth.pillar.transparency": "Transparantie",
    "trustHealth.pillar.clear_agreements": "Duidelijke afspraken",
    "trustHealth.pillar.trust": "Vertrouwen",
    "trustHealth.rag.green": "groen",
    "trustHealth.rag.amber": "oranje",
    "trustHealth.rag.red": "rood",
    "trustHealth.rag.no_data": "geen gegevens",
    "trustHealth.trend.up": "omhoog {delta}",
    "trustHealth.trend.down": "omlaag {delta}",
    "trustHealth.trend.steady": "stabiel ({delta})",
    "trustHealth.trend.new": "nieuw",
    "trustHealth.trend.no_data": "–",
    "trustHealth.noData": "geen gegevens",
    "trustHealth.uncertainty.low": "een samenwerking met een helder doel",
    "trustHealth.uncertainty.medium": "een samenwerking met een deels open uitkomst",
    "trustHealth.uncertainty.high": "een vernieuwende samenwerking met een open uitkomst",
    "trustHealth.uncertaintyNote":
      "Dit is {level}: vertrouwen telt {weight}× mee in de index, maar alleen voor zover de fundamenten het dragen; het is laag onder {below}, en bij hoog vertrouwen is nakomen onder {fragile} broos.",

    "trustHealth.diagnosis.insufficient_data.title": "Nog niet genoeg bewijs",
    "trustHealth.diagnosis.insufficient_data.explanation":
      "Een oordeel volgt pas als het hele interval voorbij de drempel ligt, zodat een paar antwoorden of uitkomsten het niet kunnen omdraaien.",
    "trustHealth.diagnosis.fragile_trust.title": "Broos vertrouwen",
    "trustHealth.diagnosis.fragile_trust.explanation":
      "Het vertrouwen rust op een gevoel dat de feiten niet ondersteunen; het houdt de eerste tegenslag niet.",
    "trustHealth.diagnosis.foundations_weak.title": "Eerst aan de fundamenten werken",
    "trustHealth.diagnosis.foundations_weak.explanation":
      "Vertrouwen bestaat niet op voorhand; het groeit uit betrouwbaarheid, wederkerigheid, transparantie en duidelijke afspraken.",
    "trustHealth.diagnosis.trust_lags.title": "Vertrouwen blijft achter",
    "trustHealth.diagnosis.trust_lags.explanation":
      "De fundamenten staan, maar betrouwbaar zijn is nog niet hetzelfde als elkaar vertrouwen.",
    "trustHealth.diagnosis.healthy.title": "Gezond",
    "trustHealth.diagnosis.healthy.explanation":
      "Afspraken worden nagekomen en het vertrouwen past bij de feiten.",
    "trustHealth.diagnosis.developing.title": "Fundamenten in opbouw",
    "trustHealth.diagnosis.developing.explanation":
      "Het nakomen van afspraken is nog niet zwak en nog niet sterk.",

    "trustHealth.step.insufficient_data.1":
      "Leg afspraken tussen de partners vast als toezeggingen en beantwoord de pulsvragen; de diagnose verschijnt zodra er genoeg antwoorden zijn.",
    "trustHealth.step.insufficient_data.2":
      "Vraag elk stuurgroeplid het eigen team aan te moedigen mee te doen.",
    "trustHealth.step.fragile_trust.1":
      "Loop de gebroken en te late toezeggingen door met de betrokken partner en spreek af wat er nu gebeurt.",
    "trustHealth.step.fragile_trust.2":
      "Maak elke afspraak expliciet (eigenaar, datum, wanneer is het klaar), zodat je kunt meten of ze wordt nagekomen.",
    "trustHealth.step.fragile_trust.3":
      "Leun niet op het goede gevoel: laat eerst betrouwbaar gedrag zien, zodat vertrouwen iets heeft om uit te groeien.",
    "trustHealth.step.foundations_weak.1":
      "Begin bij betrouwbaarheid: kom afspraken na, wees voorspelbaar en open over je eigen doelstellingen.",
    "trustHealth.step.foundations_weak.2":
      "Wees transparant over het eigenbelang van elke organisatie; zonder dat stapt niemand volledig in.",
    "trustHealth.step.foundations_weak.3":
      "Kijk naar het geven en nemen in beide richtingen; zonder wederkerigheid is een samenwerking gedoemd te mislukken.",
    "trustHealth.step.foundations_weak.4": "Maak duidelijke afspraken; zonder die afspraken kun je niets meten.",
    "trustHealth.step.trust_lags.1":
      "De fundamenten staan: investeer in gesprekken over gedeelde waarden en normen.",
    "trustHealth.step.trust_lags.2":
      "Bespreek waar de markt, de maatschappij en de noodzakelijke veranderingen jullie naartoe leiden, en of jullie dat hetzelfde zien.",
    "trustHealth.step.trust_lags.3":
      "Houd het betrouwbare gedrag vol; vertrouwen groeit als het langdurig zichtbaar is.",
    "trustHealth.step.healthy.1":
      "Blijf doen wat werkt: afspraken nakomen, geven en nemen, open blijven over belangen.",
    "trustHealth.step.healthy.2":
      "Gebruik het opgebouwde vertrouwen om de risico's te nemen die de alliantie tot een succes maken.",
    "trustHealth.step.healthy.3":
      "Kijk af en toe opnieuw naar de culturele fit; verschillen in waarden en werkwijzen komen met de tijd boven.",
    "trustHealth.step.developing.1":
      "Verbeter eerst het zwakste fundament (zie de oranje en rode pijlers hierboven).",
    "trustHealth.step.developing.2":
      "Maak duidelijke toezeggingen en kom ze na; een langere reeks betrouwbaar gedrag laat vertrouwen groeien.",

    "trustHealth.event.commitment_broken": "Gebroken: “{text}” ({owner} → {beneficiary}, uiterlijk {dueDate})",
    "trustHealth.event.commitment_disputed": "Betwist: “{text}” ({owner} → {beneficiary}, uiterlijk {dueDate})",
    "trustHealth.event.commitment_overdue":
      "{days, plural, one {# dag} other {# dagen}} te laat: “{text}” ({owner} → {beneficiary}, uiterlijk {dueDate})",
    "trustHealth.event.participation_falling": "De deelname bij {organization} daalde van {previous}% naar {current}%",
    "trustHealth.event.pillar_turned_red": "{pillar} werd rood ({score}, was {previous})",
    "trustHealth.eventStep.commitment_broken":
      "Praat met de eigenaar en de ontvangende kant over wat er misging, en maak een nieuwe afspraak als die nog nodig is.",
    "trustHealth.eventStep.commitment_disputed":
      "Los het geschil op: eigenaar en ontvanger spreken af wat 'klaar' betekende en leggen de uitkomst vast.",
    "trustHealth.eventStep.commitment_overdue":
      "Vraag de eigenaren om een nieuwe datum of een eerlijk 'gebroken'; vóór de deadline heronderhandelen houdt het nakomen betrouwbaar.",
    "trustHealth.eventStep.participation_falling":
      "Vraag de sponsor van die organisatie waarom minder mensen antwoorden; minder antwoorden maken de scores minder betrouwbaar en kunnen een probleem verbergen.",
    "trustHealth.eventStep.pillar_turned_red": "Zet {pillar} op de agenda van de volgende stuurgroepvergadering.",
    "trustHealth.anyone": "iedereen",

    "trustHealth.record.pair": "{giver} komt {kept}% na van wat het {receiver} heeft toegezegd ({low}–{high}%, op basis van {n, plural, one {# uitkomst} other {# uitkomsten}})",
    "trustHealth.record.organization": "{giver} komt {kept}% na van wat het zijn partners heeft toegezegd ({low}–{high}%, op basis van {n, plural, one {# uitkomst} other {# uitkomsten}})",
    "trustHealth.record.alliance": "De partners komen {kept}% na van wat ze elkaar hebben toegezegd ({low}–{high}%, op basis van {n, plural, one {# uitkomst} other {# uitkomsten}})",
    "trustHealth.trustIn.pair": "het vertrouwen van {receiver} in {giver}",
    "trustHealth.trustIn.organization": "het vertrouwen in {giver}",
    "trustHealth.trustIn.alliance": "het vertrouwen tussen de partners",
    "trustHealth.trustFigure": "{score}, {low}–{high}, op basis van {n} personen",
    "trustHealth.verdict.fragile_trust": "Broos vertrouwen: {record}, terwijl {trustIn} hoog is ({trust}).",
    "trustHealth.verdict.foundations_weak": "Zwakke fundamenten: {record}; dat ligt duidelijk onder {amber}.",
    "trustHealth.verdict.trust_lags": "Vertrouwen blijft achter: {record}, maar {trustIn} is laag ({trust}; laag is onder {below}).",
    "trustHealth.verdict.healthy": "Gezond: {record}, en {trustIn} is {trust}.",
    "trustHealth.verdict.developing": "In opbouw: {record}; nog niet zwak en nog niet sterk.",
    "trustHealth.verdict.insufficient_data": "Nog niet genoeg bewijs: geen oordeel dat één extra antwoord of uitkomst kan omdraaien.",
    "trustHealth.verdict.insufficient_data.record": "{record}: nog niet duidelijk genoeg voor een oordeel dat één extra antwoord of uitkomst niet kan omdraaien.",
    "trustHealth.noTrustFigure": "geen cijfer voor vertrouwen",
    "trustHealth.talk.fragile_trust":
      "{giver} en {receiver}: loop samen door wat {giver} aan {receiver} beloofde en niet leverde, en spreek af wat er nu gebeurt voordat je op het goede gevoel leunt.",
    "trustHealth.talk.foundations_weak":
      "{giver} en {receiver}: loop samen door wat {giver} aan {receiver} beloofde en niet leverde, en maak minder maar duidelijkere afspraken die {giver} kan nakomen.",
    "trustHealth.talk.trust_lags":
      "{receiver}: {giver} komt zijn afspraken met jullie na; praat met {giver} over gedeelde waarden en waar je naartoe gaat, zodat het vertrouwen de feiten kan inhalen.",
    "trustHealth.talk.developing": "{giver} en {receiver}: spreek af welke toezeggingen {giver} als eerste nakomt en bespreek ze samen.",
    "trustHealth.talk.lopsided": "{taker} en {giver}: {giver} levert veel meer aan {taker} dan andersom; bespreek wat {taker} terug kan geven.",
    "trustHealth.partners": "zijn partners",
    "trustHealth.list": "{items} en {last}",
    "trustHealth.lopsided": "Geven en nemen is scheef: {giver} leverde {given} aan {taker}, {taker} leverde {received} aan {giver}.",

    "trustHealth.sayVsDo.not_enough_data":
      "Nog niet genoeg gegevens om te zien wat het vertrouwen beweegt (nodig: {min} meetpunten per pijler).",
    "trustHealth.sayVsDo.no_poll": "Nog geen peilinguitslag over wat leden het belangrijkst vinden.",
    "trustHealth.sayVsDo.nothing_moves":
      "Leden vinden {topSaid} het belangrijkst ({share}), maar nog geen fundament beweegt duidelijk mee met vertrouwen.",
    "trustHealth.sayVsDo.trust_grows_from":
      "Leden vinden {topSaid} het belangrijkst ({share}); hier beweegt vertrouwen het sterkst mee met {topMover} (r = {r}). Vertrouwen groeit uit de fundamenten.",
    "trustHealth.sayVsDo.aligned":
      "Leden vinden {topSaid} het belangrijkst ({share}), en vertrouwen beweegt daar ook het sterkst mee (r = {r}).",
    "trustHealth.sayVsDo.mismatch":
      "Leden vinden {topSaid} het belangrijkst ({share}), maar vertrouwen beweegt het sterkst mee met {topMover} (r = {r}).",
  },
);
