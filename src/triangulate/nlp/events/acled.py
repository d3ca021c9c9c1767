"""ACLED's event types and sub-event types, the project's own kinds beside them, and the
cue words that tell the sub-types apart (docs/events.md documents all three).

A sub-event type is named by a code (`air_drone_strike`); `SUB_EVENT_TYPES` gives
its ACLED event type and sub-event type as ACLED writes them. Cues are spaCy
lemmas, a phrase as space-separated lemmas; `cue_scores` counts them over any
run of tokens, `rule_type` turns the counts and a few parse rules (who took the
ground, what happened to a protest) into one sub-type.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Token

from triangulate.resources.lexicons import lexicon

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

#: code -> (event_type, sub_event_type); ACLED's first, then the project's own kinds.
SUB_EVENT_TYPES: dict[str, tuple[str, str]] = {
    "armed_clash": (BATTLES, "Armed clash"),
    "government_regains_territory": (BATTLES, "Government regains territory"),
    "non_state_overtakes_territory": (BATTLES, "Non-state actor overtakes territory"),
    "air_drone_strike": (EXPLOSIONS, "Air/drone strike"),
    "shelling_missile_attack": (EXPLOSIONS, "Shelling/artillery/missile attack"),
    "remote_explosive": (EXPLOSIONS, "Remote explosive/landmine/IED"),
    "suicide_bomb": (EXPLOSIONS, "Suicide bomb"),
    "grenade": (EXPLOSIONS, "Grenade"),
    "chemical_weapon": (EXPLOSIONS, "Chemical weapon"),
    "attack": (VIOLENCE, "Attack"),
    "abduction": (VIOLENCE, "Abduction/forced disappearance"),
    "sexual_violence": (VIOLENCE, "Sexual violence"),
    "peaceful_protest": (PROTESTS, "Peaceful protest"),
    "protest_with_intervention": (PROTESTS, "Protest with intervention"),
    "excessive_force_against_protesters": (PROTESTS, "Excessive force against protesters"),
    "violent_demonstration": (RIOTS, "Violent demonstration"),
    "mob_violence": (RIOTS, "Mob violence"),
    "agreement": (STRATEGIC, "Agreement"),
    "arrest": (STRATEGIC, "Arrests"),
    "change_to_group_activity": (STRATEGIC, "Change to group/activity"),
    "disrupted_weapons_use": (STRATEGIC, "Disrupted weapons use"),
    "headquarters_established": (STRATEGIC, "Headquarters or base established"),
    "looting_property_destruction": (STRATEGIC, "Looting/property destruction"),
    "non_violent_territory_transfer": (STRATEGIC, "Non-violent transfer of territory"),
    "other": (STRATEGIC, "Other"),
    # Not ACLED events, but what reports of a conflict also tell.
    "statement": ("Statements", "Statement"),
    "responsibility_claim": ("Statements", "Claim or denial of responsibility"),
    "diplomatic_event": ("Diplomacy", "Diplomatic event"),
    "restriction": ("Restrictions", "Restriction"),
    "displacement": ("Displacement", "Displacement"),
    "natural_disaster": ("Disasters", "Natural disaster"),
    "man_made_disaster": ("Disasters", "Man-made disaster"),
    "organised_crime": ("Crime", "Organised crime"),
}

#: The sub-type of each trigger type of the taxonomy when no cue says more.
DEFAULT_SUB_TYPE = {
    "armed_clash": "armed_clash",
    "air_strike": "air_drone_strike",
    "shelling": "shelling_missile_attack",
    "civilian_harm": "attack",
    "displacement": "displacement",
    "restriction": "restriction",
    "troop_movement": "change_to_group_activity",
    "capture": "non_state_overtakes_territory",
    "negotiation": "agreement",
    "statement": "statement",
}

#: Event types whose events may count the dead.
VIOLENT_EVENTS = frozenset([BATTLES, EXPLOSIONS, VIOLENCE, PROTESTS, RIOTS])

#: Sub-types a cue may give an event of a violent trigger type ("killed by a suicide
#: bomber" is a suicide bomb, not only people killed); other types keep their default.
VIOLENT = frozenset(
    code
    for code, (kind, _) in SUB_EVENT_TYPES.items()
    if kind in (BATTLES, EXPLOSIONS, VIOLENCE, RIOTS)
) | {"excessive_force_against_protesters"}


def _cues(text: str) -> tuple[str, ...]:
    """Cues written one per comma, each a lemma or a phrase of lemmas."""
    return tuple(c.strip() for c in text.split(",") if c.strip())


CUES: dict[str, tuple[str, ...]] = {
    "armed_clash": _cues(
        "clash, fighting, fight, battle, gunfight, firefight, exchange fire, exchange of fire, "
        "fire exchange, engage, repel, repulse, ambush, offensive, counterattack, counter attack, "
        "assault, skirmish, attack position, attack base, attack camp, military position"
    ),
    "government_regains_territory": _cues(
        "regain, regain control, retake, recapture, liberate, liberation, win back, reclaim, "
        "take back, purge, clear of, cleanse"
    ),
    "non_state_overtakes_territory": _cues(
        "seize, capture, overrun, take control, take over, fall to, occupy, storm, seize control"
    ),
    "air_drone_strike": _cues(
        "airstrike, air strike, air raid, warplane, jet, fighter jet, aircraft, helicopter, "
        "drone, drone strike, aerial, bombard from the air, bombing raid, air force, sortie, "
        "coalition aircraft, gunship, strike"
    ),
    "shelling_missile_attack": _cues(
        "shell, shelling, artillery, mortar, missile, rocket, howitzer, projectile, katyusha, "
        "ballistic missile, fire rocket, fire missile, launch missile, launch rocket, barrage, "
        "tank fire, anti-aircraft gun"
    ),
    "remote_explosive": _cues(
        "ied, improvised explosive device, explosive device, roadside bomb, landmine, land mine, "
        "mine, car bomb, bomb, blast, explosion, explode, detonate, vbied, booby trap, "
        "remote control, planted, explosive"
    ),
    "suicide_bomb": _cues(
        "suicide, suicide bomber, suicide bombing, suicide attack, suicide attacker, "
        "blow himself up, blow herself up, blow themselves up, suicide vest, kamikaze, "
        "explosive vest, suicide car bomb"
    ),
    "grenade": _cues("grenade, hand grenade, hurl, lob, rocket-propelled grenade, throw grenade"),
    "chemical_weapon": _cues(
        "chemical, chemical weapon, chemical attack, chlorine, sarin, mustard gas, nerve agent, "
        "toxic gas, poison gas, poisonous gas, toxic, gas attack, suffocation, opcw"
    ),
    "attack": _cues(
        "gunman, gunmen, massacre, open fire, shoot dead, kill, murder, stab, hack, behead, "
        "execute, villager, civilian, resident, attack village, attack community, machete, "
        "herdsman, bandit, assassinate"
    ),
    "abduction": _cues(
        "abduct, abduction, kidnap, kidnapping, kidnapper, hostage, disappear, "
        "forced disappearance, enforced disappearance, abductee, missing, ransom, whisk away"
    ),
    "sexual_violence": _cues(
        "rape, raped, gang rape, sexual, sexually, sexual violence, sexual abuse, "
        "sexually abuse, sexual assault, molest, sex slave, assault woman"
    ),
    "peaceful_protest": _cues(
        "protest, protester, protestor, demonstration, demonstrator, rally, march, sit-in, "
        "gather, chant, placard, banner, slogan, strike, picket, vigil, activist, hold sign"
    ),
    "protest_with_intervention": _cues(
        "disperse, tear gas, teargas, water cannon, pepper spray, pepper-spray, rubber bullet, "
        "detain protester, arrest protester, baton, cordon, break up, riot police, "
        "unauthorized, unauthorised, suppress, crack down, crackdown"
    ),
    "excessive_force_against_protesters": _cues(
        "live ammunition, live fire, fire on protester, shoot protester, kill protester, "
        "violently suppress, violently disperse, brutal crackdown, excessive force, "
        "protester kill, demonstrator kill, bullet"
    ),
    "violent_demonstration": _cues(
        "riot, rioter, rioting, throw stone, hurl stone, stone, rock, petrol bomb, "
        "molotov cocktail, torch, set fire, set ablaze, burn tire, burn tyre, vandalise, "
        "vandalize, clash with police, barricade, violent protest, unrest, loot"
    ),
    "mob_violence": _cues(
        "mob, lynch, lynching, vigilante, angry crowd, mob justice, beat to death, "
        "villagers clash, stick, rod, communal, clash between villager"
    ),
    "agreement": _cues(
        "agreement, agree, deal, accord, ceasefire, cease-fire, truce, peace deal, "
        "peace agreement, sign, prisoner exchange, exchange prisoner, swap, release prisoner, "
        "memorandum, reach agreement, end mutiny"
    ),
    "arrest": _cues(
        "arrest, detain, custody, apprehend, round up, nab, detention, take into custody, "
        "remand, warrant, charge, jail, imprison"
    ),
    "change_to_group_activity": _cues(
        "defect, defection, join, merge, merger, pull back, withdraw, withdrawal, redeploy, "
        "deploy, reinforcement, reinforce, recruit, recruitment, mobilise, mobilize, "
        "dissolve, disband, rename, split, station, surrender, train, training, prepare assault"
    ),
    "disrupted_weapons_use": _cues(
        "defuse, seize weapon, weapon cache, arms cache, cache, ammunition, weapon, "
        "confiscate, recover, dismantle, explosive found, foil, thwart, intercept, "
        "bomb disposal, shoot down, destroy weapon, arms depot, munition"
    ),
    "headquarters_established": _cues(
        "establish, set up, base, headquarters, observation point, outpost, military base, "
        "checkpoint, station, build base, open base, camp"
    ),
    "looting_property_destruction": _cues(
        "loot, looting, plunder, ransack, pillage, set alight, torch, burn, demolish, raze, "
        "destroy house, destroy property, property, arson, vandalise, vandalize, steal"
    ),
    "non_violent_territory_transfer": _cues(
        "hand over, handover, withdraw from, evacuation deal, leave, transfer, cede, "
        "relinquish, pull out, hand control, take over without, evacuate"
    ),
    "responsibility_claim": _cues(
        "claim responsibility, responsibility, responsible, deny responsibility, blame, "
        "accuse, claim attack, attribute, behind the attack, amaq"
    ),
    "diplomatic_event": _cues(
        "diplomat, diplomatic, embassy, ambassador, consulate, expel, expulsion, sanction, "
        "condemn, summit, talk, meeting, visit, minister, security council, resolution, "
        "foreign minister, envoy, bilateral"
    ),
    "natural_disaster": _cues(
        "earthquake, quake, flood, flooding, storm, hurricane, cyclone, typhoon, tornado, "
        "landslide, drought, wildfire, bushfire, volcano, eruption, tsunami, rain, heavy rain, "
        "magnitude, snow, heatwave, epidemic, outbreak, covid-19, virus, case"
    ),
    "man_made_disaster": _cues(
        "crash, plane crash, accident, derail, collision, collide, spill, chemical spill, "
        "leak, fire, blaze, collapse, building collapse, capsize, sink, explosion at, "
        "gas explosion, factory, plant, mine accident, stampede, fire crew, firefighter"
    ),
    "organised_crime": _cues(
        "smuggle, smuggling, smuggler, traffic, trafficking, trafficker, drug, cartel, gang, "
        "cocaine, heroin, narcotic, contraband, launder, fraud, pornography, migrant, "
        "human trafficking, counterfeit, robbery, extortion"
    ),
    "statement": _cues("say, tell, announce, statement, spokesman, spokesperson"),
    "restriction": _cues(
        "curfew, state of emergency, martial law, lockdown, ban, restriction, impose"
    ),
    "displacement": _cues("flee, refugee, displace, displaced, exodus, evacuate"),
}

#: Who is the state: subjects that make taking ground a government's regaining it.
STATE_ACTORS = lexicon("state_actors")
NON_STATE_ACTORS = lexicon("non_state_actors")
STATE_FORCES, NON_STATE = "state forces", "non-state armed group"
#: Kinds of actors, the first that matches a phrase wins: armed groups before the state
#: ("fighters loyal to the government"), crowds before civilians.
SIDES: tuple[tuple[str, frozenset[str]], ...] = (
    (NON_STATE, NON_STATE_ACTORS),
    (STATE_FORCES, STATE_ACTORS),
    ("rioters", frozenset(_cues("rioter, mob, looter"))),
    ("protesters", frozenset(_cues("protester, protestor, demonstrator, activist, marcher"))),
    ("civilians", frozenset(_cues("civilian, resident, villager, child, woman, family"))),
)
PROTEST_CUES = frozenset(_cues("protest, protester, protestor, demonstration, demonstrator, rally"))
CAPTURE_VERBS = lexicon("capture_verbs")


def _lemmas(tokens: Sequence[Token]) -> list[str]:
    return [t.lemma_.lower() for t in tokens if not t.is_space and not t.is_punct]


def _phrases(lemmas: Sequence[str], longest: int = 4) -> Counter[str]:
    """Every run of one to `longest` lemmas, counted."""
    found: Counter[str] = Counter()
    for size in range(1, longest + 1):
        for n in range(len(lemmas) - size + 1):
            found[" ".join(lemmas[n : n + size])] += 1
    return found


def cue_scores(tokens: Sequence[Token]) -> dict[str, float]:
    """How strongly each sub-type's cues occur in `tokens`: a phrase of n lemmas counts n,
    and the first sentence (where a report says what happened) counts double."""
    first = tokens[0].sent.end if tokens else 0
    phrases = _phrases(_lemmas(tokens))
    lead = _phrases(_lemmas([t for t in tokens if t.i < first]))
    scores: dict[str, float] = {}
    for code, cues in CUES.items():
        score = sum((phrases[c] + lead[c]) * len(c.split()) for c in cues)
        if score:
            scores[code] = float(score)
    return scores


def actor_side(phrase: Sequence[Token]) -> str | None:
    """Which kind of actor a phrase names, in ACLED's terms (`SIDES`), or None."""
    lemmas = _lemmas(phrase)
    words = set(lemmas) | set(_phrases(lemmas, 3))
    for side, cues in SIDES:
        if words & cues:
            return side
    return None


def _taker_side(tokens: Sequence[Token]) -> str | None:
    """The side of the subject of the first verb of taking ground in `tokens`."""
    for token in tokens:
        if token.pos_ == "VERB" and token.lemma_.lower() in CAPTURE_VERBS:
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "agent")]
            subjects += [g for c in token.children if c.dep_ == "agent" for g in c.children]
            for subject in subjects:
                side = actor_side(list(subject.subtree))
                if side in (STATE_FORCES, NON_STATE):
                    return side
    return None


def rule_type(tokens: Sequence[Token]) -> str:
    """The one sub-type the cues and parse rules give a run of tokens ("other" when none).

    Taking ground goes to the government or the non-state actor by the taker's
    side; a protest is split by what the cues say happened to it.
    """
    scores = cue_scores(tokens)
    territory = ("government_regains_territory", "non_state_overtakes_territory")
    if any(code in scores for code in territory):
        side = _taker_side(tokens)
        total = sum(scores.pop(code, 0.0) for code in territory)
        if side == STATE_FORCES:
            scores[territory[0]] = total
        elif side == NON_STATE:
            scores[territory[1]] = total
    protest = _lemmas(tokens)
    if PROTEST_CUES & set(protest):
        for code in ("protest_with_intervention", "excessive_force_against_protesters"):
            if code in scores:
                scores[code] += scores.get("peaceful_protest", 0.0)
    if not scores:
        return "other"
    order = list(CUES)
    return max(scores, key=lambda code: (scores[code], -order.index(code)))


def sub_type(kind: str, tokens: Sequence[Token], side: str | None) -> str | None:
    """The sub-type of an event of trigger type `kind` stated by `tokens` (its sentence).

    Violent types take the strongest violent cue of the sentence ("killed by a
    suicide bomber"); taking ground goes by the side of who took it (None when
    the text does not say, rather than a guess); talks without an agreement
    are diplomacy; a statement with responsibility cues is a claim of it.
    """
    scores = cue_scores(tokens)
    if kind == "capture":
        if side == STATE_FORCES:
            return "government_regains_territory"
        return "non_state_overtakes_territory" if side == NON_STATE else None
    if kind in ("armed_clash", "air_strike", "shelling", "civilian_harm"):
        territory = ("government_regains_territory", "non_state_overtakes_territory")
        violent = {c: v for c, v in scores.items() if c in VIOLENT and c not in territory}
        order = list(CUES)
        best = max(violent, key=lambda c: (violent[c], -order.index(c)), default=None)
        return best or DEFAULT_SUB_TYPE[kind]
    if kind == "negotiation":
        return "agreement" if "agreement" in scores else "diplomatic_event"
    if kind == "statement" and "responsibility_claim" in scores:
        return "responsibility_claim"
    return DEFAULT_SUB_TYPE.get(kind)


def event_type(kind: str, code: str | None) -> tuple[str, str | None]:
    """(event_type, sub_event_type) as ACLED writes them for a trigger type and sub-type code."""
    if code is not None:
        return SUB_EVENT_TYPES[code]
    return SUB_EVENT_TYPES[DEFAULT_SUB_TYPE[kind]][0], None
