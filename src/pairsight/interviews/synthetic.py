"""Short generated interviews for the Birmingham demo: SYNTHETIC, written by PAIRsight.

Birmingham's interview transcripts are not published (nor could they be), and its summary
lists the categories it coded into but not its 37 themes. These interviews are invented
to show how coding works; the themes are PAIRsight's illustrations, one or two per
Birmingham category. Nothing here is anyone's words, and every page, table and report
section that shows them says so.
"""

from __future__ import annotations

from dataclasses import dataclass

SYNTHETIC_LABEL = (
    "SYNTHETIC INTERVIEW: written by PAIRsight to demonstrate coding. These are not "
    "Birmingham's interviews, nor anyone's words."
)


@dataclass(frozen=True)
class Turn:
    speaker: str
    text: str
    #: (category, theme) pairs the demo codes this turn with.
    themes: tuple[tuple[str, str], ...] = ()
    quote: bool = False


@dataclass(frozen=True)
class Interview:
    pseudonym: str
    group: str
    role: str
    title: str
    turns: tuple[Turn, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(f"{t.speaker}: {t.text}" for t in self.turns)

    def coded_spans(self) -> list[tuple[int, int, Turn]]:
        """Where each coded turn's words are in `text` (after its speaker label)."""
        spans, position = [], 0
        for turn in self.turns:
            start = position + len(turn.speaker) + 2
            end = start + len(turn.text)
            if turn.themes:
                spans.append((start, end, turn))
            position = end + 2
        return spans


INSIGHTS = "Insights into current service provision"
BARRIERS = "Barriers for families"
ENABLING = "Enabling factors for families"
COVID = "Impacts of covid"
WIDER = "Impact of wider determinants and inequalities"
CHILD = "Holding the child's voice in mind"
FAMILY = '"Think Family"'
FUTURE = "Aspirations for future service provision"

NOT_ASKED = (INSIGHTS, "Relationship not asked about")
JUDGED = (BARRIERS, "Fear of being judged")
TRUSTED = (ENABLING, "A trusted practitioner")
ISOLATED = (COVID, "Isolation in lockdown")
MONEY = (WIDER, "Money and housing worries")
BABY_VIEW = (CHILD, "Seeing through the baby's eyes")
FATHERS = (FAMILY, "Fathers and partners left out")
TRAINING = (FUTURE, "Training for every practitioner")

#: The demo's themes: (category, theme, definition).
THEMES = (
    (*NOT_ASKED, "Nobody asks how the parent and baby are getting on together."),
    (*JUDGED, "Worry that asking for help will be seen as failing, or lead to referral."),
    (*TRUSTED, "A practitioner the family knows and trusts makes help possible."),
    (*ISOLATED, "Lockdown cut parents off from family, groups and face-to-face support."),
    (*MONEY, "Money, housing or debt leave little room for the relationship."),
    (*BABY_VIEW, "Thinking about what the baby experiences and needs."),
    (*FATHERS, "Fathers and partners are not seen, asked or offered support."),
    (*TRAINING, "Every practitioner trained to notice and talk about the relationship."),
)

INTERVIEWS = (
    Interview(
        "Synthetic practitioner 1",
        "practitioner",
        "Health visitor",
        "Synthetic interview: health visitor",
        (
            Turn(
                "Interviewer",
                "How do you talk with parents about their relationship with the baby?",
            ),
            Turn(
                "Practitioner",
                "Honestly, the contacts are so short that we rarely get past feeding and weight. "
                "The relationship is the thing we are least likely to ask about.",
                (NOT_ASKED,),
                quote=True,
            ),
            Turn("Interviewer", "What helps families open up?"),
            Turn(
                "Practitioner",
                "Seeing the same face. When I have visited a mum three or four times she will "
                "tell me how she really feels.",
                (TRUSTED,),
            ),
            Turn("Interviewer", "What would you change?"),
            Turn(
                "Practitioner",
                "Training for everyone, not just the specialists, so that every contact can "
                "notice how the baby is responding to the parent.",
                (TRAINING, BABY_VIEW),
            ),
        ),
    ),
    Interview(
        "Synthetic manager 1",
        "manager",
        "Children's centre manager",
        "Synthetic interview: children's centre manager",
        (
            Turn("Interviewer", "What has changed for families since the pandemic?"),
            Turn(
                "Manager",
                "Parents who had babies in lockdown missed the groups entirely, and many still "
                "have not come through our doors.",
                (ISOLATED,),
                quote=True,
            ),
            Turn("Interviewer", "Who do services miss?"),
            Turn(
                "Manager",
                "Dads, mostly. Our forms ask for the mother's details and the father is an "
                "afterthought, if he is there at all.",
                (FATHERS,),
            ),
        ),
    ),
    Interview(
        "Synthetic parent 1",
        "parent",
        "Parent of a baby under one",
        "Synthetic interview: parent 1",
        (
            Turn("Interviewer", "Did you feel able to ask for help?"),
            Turn(
                "Parent",
                "I was scared that if I said I was struggling they would think I could not cope "
                "and take the baby away.",
                (JUDGED,),
                quote=True,
            ),
            Turn("Interviewer", "What else made things hard?"),
            Turn(
                "Parent",
                "We were moving between flats and worrying about the rent, so there was not "
                "much space in my head for anything else.",
                (MONEY,),
            ),
        ),
    ),
    Interview(
        "Synthetic parent 2",
        "parent",
        "Parent of a toddler",
        "Synthetic interview: parent 2",
        (
            Turn("Interviewer", "What helped you most?"),
            Turn(
                "Parent",
                "The nursery nurse who came every week. She noticed my son went quiet when I "
                "was upset, and helped me see it from his side.",
                (TRUSTED, BABY_VIEW),
                quote=True,
            ),
            Turn("Interviewer", "Was your partner involved?"),
            Turn(
                "Parent",
                "Nobody ever asked about him. He would have gone to a group if someone had "
                "invited him.",
                (FATHERS,),
            ),
        ),
    ),
)
