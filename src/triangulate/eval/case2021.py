"""CASE 2021 task 2: one fine-grained event type per news snippet (30 types).

The benchmark's labels map one to one onto the sub-type codes of
`nlp/events/acled.py`. Three figures come out of one run, each with weighted
and macro F1 and the confusion of the types: the cue rules alone, the shipped
model (trained on the dev half, so on that half it is no measure), and a
5-fold cross-validation of the same model on the snippets of PATH.
"""

from __future__ import annotations

import csv
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sklearn.model_selection import StratifiedKFold
from spacy.tokens import Doc

from triangulate.errors import InputError
from triangulate.eval.result import PRF, EvalResult
from triangulate.nlp.events.acled import rule_type
from triangulate.nlp.events.classify import EventTypeModel, Features, bundled_model, features

SNIPPETS = "snippets.tsv"
FOLDS = 5
#: The benchmark's labels and the codes of `acled.SUB_EVENT_TYPES` they name.
CASE_TYPES = {
    "ARMED_CLASH": "armed_clash",
    "GOV_REGAINS_TERIT": "government_regains_territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "non_state_overtakes_territory",
    "AIR_STRIKE": "air_drone_strike",
    "ART_MISS_ATTACK": "shelling_missile_attack",
    "REM_EXPLOS": "remote_explosive",
    "SUIC_BOMB": "suicide_bomb",
    "GRENADE": "grenade",
    "CHEM_WEAP": "chemical_weapon",
    "ATTACK": "attack",
    "ABDUCT_DISSAP": "abduction",
    "SEX_VIOL": "sexual_violence",
    "PEACE_PROTEST": "peaceful_protest",
    "PROTEST_WITH_INTER": "protest_with_intervention",
    "FORCE_AGAINST_PROTEST": "excessive_force_against_protesters",
    "VIOL_DEMONSTR": "violent_demonstration",
    "MOB_VIOL": "mob_violence",
    "AGREEMENT": "agreement",
    "ARREST": "arrest",
    "CHANGE_TO_GROUP_ACT": "change_to_group_activity",
    "DISR_WEAP": "disrupted_weapons_use",
    "HQ_ESTABLISHED": "headquarters_established",
    "PROPERTY_DISTRUCT": "looting_property_destruction",
    "NON_VIOL_TERRIT_TRANSFER": "non_violent_territory_transfer",
    "OTHER": "other",
    "ATTRIB": "responsibility_claim",
    "DIPLO": "diplomatic_event",
    "NATURAL_DISASTER": "natural_disaster",
    "MAN_MADE_DISASTER": "man_made_disaster",
    "ORG_CRIME": "organised_crime",
}


@dataclass(frozen=True)
class Snippet:
    id: str
    text: str
    label: str  # a sub-type code


def load_snippets(path: Path) -> list[Snippet]:
    """The snippets of `path` (the folder or its snippets.tsv: id, EventSnippet, SubType)."""
    file = path / SNIPPETS if path.is_dir() else path
    try:
        with file.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    except OSError as exc:
        raise InputError(str(file), f"cannot be read ({exc})") from exc
    snippets = []
    for n, row in enumerate(rows, start=2):
        label = CASE_TYPES.get((row.get("SubType") or "").strip())
        text = (row.get("EventSnippet") or "").strip()
        if label is None or not text:
            raise InputError(
                str(file),
                f"line {n} needs an EventSnippet and one of the 30 SubType labels "
                f"(got {row.get('SubType')!r})",
            )
        snippets.append(Snippet(str(row.get("id") or n), text, label))
    if not snippets:
        raise InputError(str(file), "holds no snippets (columns: id, EventSnippet, SubType)")
    return snippets


def score_types(gold: Sequence[str], predicted: Sequence[str], prefix: str) -> dict[str, float]:
    """Accuracy, and F1 over the gold types weighted by their support and unweighted (macro)."""
    support = Counter(gold)
    f1 = {}
    for label in support:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        f1[label] = PRF(tp, fp, support[label] - tp).f1
    total = len(gold)
    return {
        f"{prefix} accuracy": round(
            sum(g == p for g, p in zip(gold, predicted, strict=True)) / total, 4
        ),
        f"{prefix} weighted F1": round(sum(f1[k] * support[k] for k in f1) / total, 4),
        f"{prefix} macro F1": round(sum(f1.values()) / len(f1), 4),
    }


def confusion(gold: Sequence[str], predicted: Sequence[str]) -> list[dict[str, object]]:
    """The confusion of the types as rows (gold, predicted, count), mistakes first."""
    counts = Counter(zip(gold, predicted, strict=True))
    ordered = sorted(counts.items(), key=lambda item: (item[0][0] == item[0][1], -item[1]))
    return [{"gold": g, "predicted": p, "count": n} for (g, p), n in ordered]


def cross_validated(found: Sequence[Features], labels: Sequence[str]) -> list[str]:
    """Each snippet typed by a model trained on the other folds (stratified, fixed seed)."""
    predicted = [""] * len(labels)
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=0)
    with warnings.catch_warnings():
        # Types with fewer snippets than folds are spread as evenly as the splitter can.
        warnings.filterwarnings("ignore", message="The least populated class")
        splits = list(folds.split(list(range(len(labels))), list(labels)))
    for train, test in splits:
        model = EventTypeModel.fit([found[i] for i in train], [labels[i] for i in train])
        for i, kind in zip(test, model.predict([found[i] for i in test]), strict=True):
            predicted[i] = kind
    return predicted


def run_case2021(path: Path, parse: Callable[[list[str]], list[Doc]]) -> EvalResult:
    """Rules, shipped model and 5-fold cross-validation on the snippets of `path`."""
    snippets = load_snippets(path)
    docs = parse([s.text for s in snippets])
    gold = [s.label for s in snippets]
    found = [features(doc) for doc in docs]
    result = EvalResult("case2021", metrics={"snippets": float(len(snippets))})
    rules = [rule_type(list(doc)) for doc in docs]
    result.metrics.update(score_types(gold, rules, "rules"))
    result.details["confusion (rules)"] = confusion(gold, rules)
    validated = cross_validated(found, gold)
    result.metrics.update(score_types(gold, validated, f"{FOLDS}-fold cross-validated model"))
    result.details[f"confusion ({FOLDS}-fold cross-validated model)"] = confusion(gold, validated)
    model = bundled_model()
    if model is None:
        result.unavailable["shipped model"] = "no data/event_types.npz in the package"
    else:
        shipped = model.predict(found)
        result.metrics.update(score_types(gold, shipped, "shipped model (trained on the dev half)"))
        result.details["confusion (shipped model)"] = confusion(gold, shipped)
    return result
