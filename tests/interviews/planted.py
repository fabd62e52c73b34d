"""Realistic interview text with identifiers planted at known places, for redaction recall.

The names, streets and sentences here are written for the test, independently of the
detector's word lists: first names from ONS baby-name tables and the census's most common
surnames across England's communities, some of them absent from the detector's list, so
the cues in the sentence have to find them. NHS numbers are generated with the published
modulus 11 check; phone numbers in Ofcom's ranges for drama (07700 900xxx, 0121 496 0xxx,
020 7946 0xxx, 0113 496 0xxx); postcodes in real outward codes with invented inward codes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

FIRST_NAMES = [
    "Olivia",
    "Amelia",
    "Isla",
    "Ava",
    "Ivy",
    "Freya",
    "Lily",
    "Florence",
    "Mia",
    "Willow",
    "Noah",
    "Oliver",
    "George",
    "Arthur",
    "Muhammad",
    "Leo",
    "Harry",
    "Oscar",
    "Archie",
    "Henry",
    "Aisha",
    "Fatima",
    "Zainab",
    "Maryam",
    "Hafsa",
    "Yusuf",
    "Ibrahim",
    "Hamza",
    "Ayaan",
    "Rayyan",
    "Simran",
    "Harpreet",
    "Jaspreet",
    "Kiran",
    "Priya",
    "Aaliyah",
    "Chantelle",
    "Shanice",
    "Tyrone",
    "Kwame",
    "Chidi",
    "Ngozi",
    "Abdi",
    "Hodan",
    "Ayan",
    "Zofia",
    "Kacper",
    "Oliwia",
    "Jakub",
    "Maja",
    "Andreea",
    "Ionut",
    "Bianca",
    "Stefan",
    "Kayleigh",
    "Jodie",
    "Stacey",
    "Gemma",
    "Kirsty",
    "Leanne",
    "Darren",
    "Wayne",
    "Craig",
    "Siobhan",
    "Niamh",
    "Ciaran",
    "Eilidh",
    "Rhiannon",
    "Dylan",
    "Tegan",
    "Marek",
    "Nasra",
]
SURNAMES = [
    "Smith",
    "Jones",
    "Williams",
    "Taylor",
    "Brown",
    "Davies",
    "Evans",
    "Wilson",
    "Thomas",
    "Johnson",
    "Roberts",
    "Robinson",
    "Thompson",
    "Wright",
    "Walker",
    "White",
    "Edwards",
    "Hughes",
    "Green",
    "Hall",
    "Khan",
    "Ahmed",
    "Hussain",
    "Ali",
    "Begum",
    "Akhtar",
    "Iqbal",
    "Patel",
    "Singh",
    "Kaur",
    "Sharma",
    "Mahmood",
    "Okafor",
    "Adeyemi",
    "Mensah",
    "Osei",
    "Nowak",
    "Kowalski",
    "Popescu",
    "Ionescu",
    "Farah",
    "Warsame",
    "McDonald",
    "O'Brien",
    "Murphy",
    "Campbell",
    "Clarke",
    "Lewis",
    "Jackson",
    "Harris",
]
STREETS = [
    "Albert",
    "Coventry",
    "Stratford",
    "Church",
    "Victoria",
    "Station",
    "Moseley",
    "Ladypool",
    "Soho",
    "Alum Rock",
    "Bordesley Green",
    "Kings",
    "Queens",
    "Oak Tree",
    "Chestnut",
    "Willow",
    "Park",
    "Mill",
    "Springfield",
    "Highfield",
    "Warwick",
    "Hagley",
    "Dudley",
]
STREET_TYPES = [
    "Road",
    "Street",
    "Avenue",
    "Lane",
    "Close",
    "Drive",
    "Way",
    "Crescent",
    "Grove",
    "Gardens",
    "Court",
    "Terrace",
]
OUTWARD = [
    "B1",
    "B5",
    "B8",
    "B9",
    "B10",
    "B11",
    "B12",
    "B13",
    "B15",
    "B16",
    "B19",
    "B20",
    "B21",
    "B23",
    "B24",
    "B27",
    "B29",
    "B31",
    "B33",
    "B36",
    "B42",
    "B44",
    "B66",
    "B70",
    "WS1",
    "WV2",
    "CV1",
    "DY1",
    "LS6",
    "M14",
    "E1",
    "SW9",
    "N17",
    "NW10",
    "BS5",
    "L8",
    "EC1A",
    "W1A",
]
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
FILLER = [
    "Interviewer: Thank you for agreeing to talk to me today. Can you tell me a bit about "
    "your role?",
    "Participant: Yeah, so I've been in the team about six years now, mostly antenatal "
    "contacts and the new birth visits.",
    "Interviewer: What gets in the way of families asking for help, do you think?",
    "Participant: Honestly, a lot of it is fear. They worry that if they say they're "
    "struggling, someone will think they can't cope with the baby.",
    "Participant: And then covid came and everything went on the phone, which was hard, "
    "because you can't see how mum and baby are together over the phone.",
    "Interviewer: Is there anything you would change about the service?",
    "Participant: More time, really. If we had more time for the ones who need it we could "
    "actually get alongside them.",
    "Participant: The waiting list for the perinatal team is long, so we hold a lot of it "
    "ourselves in the meantime.",
]


@dataclass(frozen=True)
class Planted:
    kind: str
    start: int
    end: int
    text: str


def nhs_number(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(9)]
        if digits[0] == 0:
            continue
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        check = 0 if check == 11 else check
        if check == 10:
            continue
        number = "".join(map(str, digits)) + str(check)
        style = rng.choice(["spaced", "plain", "dashed"])
        if style == "spaced":
            return f"{number[:3]} {number[3:6]} {number[6:]}"
        if style == "dashed":
            return f"{number[:3]}-{number[3:6]}-{number[6:]}"
        return number


def phone(rng: random.Random) -> str:
    tail = f"{rng.randint(0, 999):03d}"
    return rng.choice(
        [
            f"07700 900{tail}",
            f"07700900{tail}",
            f"07700 900 {tail}",
            f"+44 7700 900{tail}",
            f"0121 496 0{tail}",
            f"(0121) 496 0{tail}",
            f"020 7946 0{tail}",
            f"0113 496 0{tail}",
            f"01632 960{tail}",
        ]
    )


def postcode(rng: random.Random) -> str:
    inward = f"{rng.randint(0, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"
    code = f"{rng.choice(OUTWARD)} {inward}"
    return code.lower() if rng.random() < 0.1 else code


def date_of_birth(rng: random.Random) -> str:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2019, 2024)
    suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}.get(day, "th")
    return rng.choice(
        [
            f"{day:02d}/{month:02d}/{year}",
            f"{day}/{month}/{year}",
            f"{day} {MONTHS[month - 1]} {year}",
            f"{day}{suffix} {MONTHS[month - 1]} {year}",
            f"{day}{suffix} of {MONTHS[month - 1]} {year}",
            f"{MONTHS[month - 1]} {day}, {year}",
            f"{day:02d}.{month:02d}.{year % 100:02d}",
        ]
    )


def address(rng: random.Random) -> str:
    number = rng.randint(1, 240)
    street = f"{number} {rng.choice(STREETS)} {rng.choice(STREET_TYPES)}"
    return f"Flat {rng.randint(1, 12)}, {street}" if rng.random() < 0.2 else street


def email(rng: random.Random) -> str:
    first, last = rng.choice(FIRST_NAMES).lower(), rng.choice(SURNAMES).lower().replace("'", "")
    domain = rng.choice(["gmail.com", "hotmail.co.uk", "nhs.net", "birmingham.gov.uk", "yahoo.com"])
    return rng.choice([f"{first}.{last}@{domain}", f"{first}{rng.randint(1, 99)}@{domain}"])


def name(rng: random.Random) -> str:
    first = rng.choice(FIRST_NAMES)
    return f"{first} {rng.choice(SURNAMES)}" if rng.random() < 0.4 else first


# Each sentence holds one identifier at {x}; written as people speak in interviews.
SENTENCES = {
    "name": [
        "Participant: My daughter {x} has just turned one and she's into everything.",
        "Participant: I spoke to {x} at the children's centre and she was lovely.",
        "Participant: So {x} was the one who came out for the new birth visit.",
        "Participant: My partner {x} works nights, so I'm on my own a lot of the time.",
        "Participant: Then {x} rang me and said there was a space on the baby massage course.",
        "Participant: {x} was really struggling after the birth, she told me afterwards.",
        "Participant: Our health visitor {x} noticed I wasn't myself.",
        "Participant: I think {x} referred us to the perinatal team in the end.",
        "Participant: Me and {x} argue about it, but we both want what's best for him.",
        "Participant: My son is called {x}, he was born early.",
        "Participant: I'm {x}, I've got two little ones.",
        "Participant: My mum, well, {x}, she helps with the school run.",
    ],
    "phone": [
        "Participant: They gave me a number, {x}, but nobody ever picked up.",
        "Participant: You can ring me on {x} if you need anything else.",
        "Participant: The duty line is {x} and it's only open in the mornings.",
    ],
    "email": [
        "Participant: I emailed {x} but never heard back.",
        "Participant: Send it over to {x} and I'll have a look.",
    ],
    "nhs_number": [
        "Participant: I had the letter here, his NHS number is {x}.",
        "Participant: They kept asking for her number, it's {x}, I know it off by heart.",
    ],
    "postcode": [
        "Participant: We moved to {x} last year, before that we were in Handsworth.",
        "Participant: The postcode is {x}, the sat nav never finds it.",
    ],
    "date_of_birth": [
        "Participant: She was born on {x}, so just before the second lockdown.",
        "Participant: His date of birth is {x}.",
        "Participant: Her birthday's {x}, we had a little party.",
    ],
    "address": [
        "Participant: We're at {x} now, it's a two bed.",
        "Participant: The hub used to be at {x} but it closed.",
        "Participant: I was living at {x} when I had her.",
    ],
}
MAKERS = {
    "name": name,
    "phone": phone,
    "email": email,
    "nhs_number": nhs_number,
    "postcode": postcode,
    "date_of_birth": date_of_birth,
    "address": address,
}


def transcript_with_identifiers(per_kind: int, seed: int = 2022) -> tuple[str, list[Planted]]:
    """Interview text holding `per_kind` identifiers of each kind, with their positions."""
    rng = random.Random(seed)
    wanted = [kind for kind in MAKERS for _ in range(per_kind)]
    rng.shuffle(wanted)
    parts: list[str] = []
    planted: list[Planted] = []
    position = 0
    for kind in wanted:
        for _ in range(rng.randint(0, 2)):
            filler = rng.choice(FILLER)
            parts.append(filler)
            position += len(filler) + 2
        sentence = rng.choice(SENTENCES[kind])
        value = MAKERS[kind](rng)
        start = position + sentence.index("{x}")
        planted.append(Planted(kind, start, start + len(value), value))
        text = sentence.replace("{x}", value)
        parts.append(text)
        position += len(text) + 2
    return "\n\n".join(parts), planted
