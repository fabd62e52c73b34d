"""Participants, their redacted transcripts, the codebook, and each coder's excerpts.

A transcript stores only the text with the accepted redactions applied: the uploaded file
and its original text are never saved. Excerpts point into that text by character offsets
and keep a copy of their words, so a quote still reads right in the report.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from pairsight.assessments.models import Assessment
from pairsight.assessments.tasks import Job


class Group(models.TextChoices):
    PRACTITIONER = "practitioner", "Practitioner"
    MANAGER = "manager", "Manager"
    PARENT = "parent", "Parent"


class LevelOfNeed(models.TextChoices):
    UNSPECIFIED = "", "Not recorded"
    UNIVERSAL = "universal", "Universal"
    TARGETED = "targeted", "Targeted"
    STATUTORY = "statutory", "Statutory"
    SPECIALIST = "specialist", "Specialist"


class Participant(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="interview_participants"
    )
    #: A pseudonymous ID such as P01 or Practitioner 3: never a real name.
    pseudonym = models.CharField(max_length=40)
    group = models.CharField(max_length=20, choices=Group.choices)
    role = models.CharField("Role or profession", max_length=100, blank=True)
    service = models.CharField(max_length=200, blank=True)
    level_of_need = models.CharField(
        max_length=20, choices=LevelOfNeed.choices, blank=True, default=""
    )
    #: Any further attributes the team records, as name → value.
    attributes = models.JSONField(default=dict, blank=True)
    #: The words shown wherever a generated sample participant and their transcripts show
    #: ("" when the participant is real).
    synthetic = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pseudonym"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "pseudonym"], name="one_pseudonym_per_assessment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.pseudonym} ({self.get_group_display()})"


class Transcript(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="interview_transcripts"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="transcripts"
    )
    title = models.CharField(max_length=200)
    source_format = models.CharField(max_length=50)
    #: The text after the accepted redactions: the only text of the interview ever stored.
    text = models.TextField()
    #: How many redactions of each kind were accepted (counts only, never the values).
    redactions = models.JSONField(default=dict, blank=True)
    word_count = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["participant__pseudonym", "title"]

    def __str__(self) -> str:
        return self.title


class Passage(models.Model):
    """One speaker turn of a transcript: the unit of search and of agreement."""

    transcript = models.ForeignKey(Transcript, on_delete=models.CASCADE, related_name="passages")
    position = models.PositiveIntegerField()
    speaker = models.CharField(max_length=100, blank=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()
    #: The passage's sentence embedding (float32), when the semantic extra is installed.
    embedding = models.BinaryField(null=True, editable=False)

    class Meta:
        ordering = ["transcript", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["transcript", "position"], name="one_passage_per_position"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="passage_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.transcript}, turn {self.position + 1}"


class Category(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="interview_categories"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    guid = models.CharField(max_length=40)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "name"], name="one_category_name_per_assessment"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=200)
    definition = models.TextField(blank=True)
    example = models.TextField(blank=True)
    colour = models.CharField(max_length=9, blank=True)
    guid = models.CharField(max_length=40)
    memo = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["category__position", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["category", "name"], name="one_theme_name_per_category")
        ]

    def __str__(self) -> str:
        return self.name


class Excerpt(models.Model):
    """A stretch of a transcript one coder tagged with one or more themes."""

    transcript = models.ForeignKey(Transcript, on_delete=models.CASCADE, related_name="excerpts")
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="interview_excerpts"
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    #: The excerpt's words as they were tagged, for quotes.
    text = models.TextField()
    themes = models.ManyToManyField(Theme, related_name="excerpts")
    memo = models.TextField(blank=True)
    #: Chosen as a quote for the theme overview and the report.
    quote = models.BooleanField(default=False)
    #: Counted in the analysis: a coder's work stays apart until a lead merges it.
    merged = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["transcript", "start", "end"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="excerpt_not_empty"
            )
        ]

    def __str__(self) -> str:
        return f"{self.transcript}: {self.start}-{self.end}"


class AnswerCoding(models.Model):
    """One coder's themes for a written survey answer (offered through core.codable).

    It points at the answer by its key and keeps a copy of what the analysis needs (the
    answer's words, its question, who answered), so that it reads right in the overview
    and the report without asking the surveys again.
    """

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="interview_answer_codings"
    )
    answer_key = models.CharField(max_length=100)
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="interview_answer_codings"
    )
    source = models.CharField(max_length=100)
    question = models.TextField()
    text = models.TextField()
    group = models.CharField(max_length=20, choices=Group.choices)
    #: The words shown beside a synthetic answer ("" when it is real).
    synthetic = models.TextField(blank=True)
    themes = models.ManyToManyField(Theme, related_name="answer_codings")
    memo = models.TextField(blank=True)
    #: Counted in the analysis: a coder's work stays apart until a lead merges it.
    merged = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["answer_key", "coder"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "answer_key", "coder"], name="one_coding_per_answer_coder"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.answer_key}"


class TranscriptImport(Job):
    """A transcript file being read and its redactions proposed by the worker.

    Nothing of the file's text is kept here (nor in the task queue's table): the file waits
    in a private folder (`folder`), the worker writes its proposals beside it, and both are
    deleted when the person accepts, cancels, or leaves the import.
    """

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="interview_imports"
    )
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
    file_name = models.CharField(max_length=255)
    #: The name of the private folder holding the file and the proposals (random, unguessable).
    folder = models.CharField(max_length=64, unique=True)
    source_format = models.CharField(max_length=50, blank=True)
    #: How many redactions were proposed (the proposals themselves stay in the folder).
    proposed = models.PositiveIntegerField(default=0)
    transcript = models.ForeignKey(
        Transcript, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"Import of {self.file_name}: {self.get_state_display()}"
