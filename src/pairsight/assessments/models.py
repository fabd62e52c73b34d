from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

from pairsight.assessments.tasks import Job

ONS_CODE = RegexValidator(
    r"^[EWSN]\d{8}$",
    "Enter an ONS code like E08000025: E, W, S or N, then 8 digits",
)


class Area(models.Model):
    """A local authority, NHS trust or ICB area, identified by its ONS (GSS) code."""

    name = models.CharField(max_length=200)
    ons_code = models.CharField("ONS code", max_length=9, unique=True, validators=[ONS_CODE])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.ons_code})"


class Role(models.TextChoices):
    LEAD = "lead", "Lead"
    EDITOR = "editor", "Editor"
    VIEWER = "viewer", "Viewer"
    CONSULTEE = "consultee", "Consultee"

    @property
    def description(self) -> str:
        return ROLE_DESCRIPTIONS[self]


ROLE_DESCRIPTIONS = {
    Role.LEAD: "Can change everything, manage the team and read the audit trail",
    Role.EDITOR: "Can change the assessment's data",
    Role.VIEWER: "Can read the assessment but not change it",
    Role.CONSULTEE: (
        "Sees only the recommendations out for consultation and their evidence, and "
        "comments on them"
    ),
}


#: What each app's carried data is called on the dashboard.
CARRIED_NAMES = {
    "population": "Population need",
    "servicemap": "Service mapping",
    "surveys": "Surveys",
    "interviews": "Interviews",
    "recommendations": "Recommendations",
    "reports": "Report settings and builds",
}


class Assessment(models.Model):
    title = models.CharField(max_length=200)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="assessments")
    start_year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    end_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: Which edition of the area's assessment this is (1 for the first, then 2, 3, ...).
    edition = models.PositiveSmallIntegerField(default=1)
    #: The published edition this one was started from, if any.
    previous_edition = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_editions"
    )
    #: Set once, when the lead publishes the edition; from then on nothing of it may change.
    published_at = models.DateTimeField(null=True, blank=True)
    #: Each workstream (app label) whose data came from the previous edition and has not been
    #: replaced yet: {"population": {"from_edition": 1, "rows": 3}, ...}.
    carried = models.JSONField(default=dict, blank=True)
    #: Moves on with every change of the assessment's data (the audit writer bumps it in the
    #: change's own transaction), so a page rendered from it can be kept until it moves.
    data_version = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-start_year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__isnull=True)
                | models.Q(end_year__gte=models.F("start_year")),
                name="assessment_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def carried_parts(self) -> list[tuple[str, int]]:
        """Each part still showing the previous edition's data: (its name, that edition)."""
        return [
            (CARRIED_NAMES.get(app, app.capitalize()), int(info.get("from_edition", 0)))
            for app, info in sorted((self.carried or {}).items())
        ]

    @property
    def period(self) -> str:
        if self.end_year and self.end_year != self.start_year:
            return f"{self.start_year} to {self.end_year}"
        return str(self.start_year)


class EditionRecord(models.Model):
    """What a published edition showed when it was published: its frozen evidence.

    Every finding the workstreams offered (need figures, survey findings, services,
    recommendation statuses) as plain copies, keyed as they are live, so that a later
    edition can be compared with this one by key. The rows themselves are frozen in place:
    a published assessment can never change (see `access.require` and `editions.py`).
    """

    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="edition_record"
    )
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_by_name = models.CharField(max_length=300)
    #: [Evidence.frozen(), ...] in key order.
    evidence = models.JSONField(default=list)
    #: Rows of each model the edition held ({"surveys.response": 49, ...}).
    rows = models.JSONField(default=dict)
    #: The report files built before publishing, which stay as they were ([{id, files}]).
    report_files = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"Edition {self.assessment.edition} of {self.assessment}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("A published edition's record is never changed")
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Membership(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user__first_name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "user"], name="one_membership_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role}) in {self.assessment}"

    @property
    def is_pending(self) -> bool:
        """The person has not yet used their link to set a password."""
        return not self.user.has_usable_password()


class Invitation(models.Model):
    """A one-time link to set a password. Only a hash of the token is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    #: When the link stopped working: used, replaced by a newer link, or cancelled.
    used_at = models.DateTimeField(null=True, blank=True)
    #: When the person set their password with it (the account has had a password since).
    accepted_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"Link for {self.user} to {self.assessment}"


class Workstream(models.TextChoices):
    POPULATION = "population", "Population need"
    SERVICES = "services", "Service mapping"
    WORKFORCE = "workforce", "Workforce"
    PARENTS = "parents", "Parents' views"
    RECOMMENDATIONS = "recommendations", "Recommendations"


class Progress(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    READY_FOR_REVIEW = "ready_for_review", "Ready for review"
    DONE = "done", "Done"


class WorkstreamStatus(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="workstream_statuses"
    )
    workstream = models.CharField(max_length=20, choices=Workstream.choices)
    progress = models.CharField(
        max_length=20, choices=Progress.choices, default=Progress.NOT_STARTED
    )
    # The workstream's key figure for the dashboard, set by the workstream itself.
    headline_label = models.CharField(max_length=200, blank=True)
    headline_value = models.CharField(max_length=50, blank=True)
    headline_detail = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "workstream"], name="one_status_per_workstream"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_workstream_display()}: {self.get_progress_display()}"


class AuditEvent(models.Model):
    """Who did what, when, with the state before and after. Never edited or deleted."""

    class Kind(models.TextChoices):
        CHANGE = "change", "Change"
        #: Someone saw data that is kept from most eyes (a transcript in the reader).
        READ = "read", "Read"
        EXPORT = "export", "Export"
        ACCOUNT = "account", "Sign-in and account"

    assessment = models.ForeignKey(
        Assessment, null=True, on_delete=models.SET_NULL, related_name="audit_events"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as text so the trail still reads right after a person or object is removed.
    actor_name = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    action = models.CharField(max_length=100)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=100, blank=True)
    summary = models.TextField()
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["assessment", "-at"], name="audit_by_assessment")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name}: {self.summary}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("Audit events are never changed once recorded")
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class SignInThrottle(models.Model):
    """Counts of recent failed sign-ins, per account name or per client address.

    Kept in the database, not the cache, so that counting is atomic across every worker
    (see web/login_throttle.py). The key holds a hash of the name, never the name itself.
    """

    key = models.CharField(max_length=100, unique=True)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.key}: {self.failures}"


class BackupJob(Job):
    """A backup of one assessment made by the worker; the lead downloads the finished file.

    The file waits in the data folder (`backup/jobs.py`, `backups_folder`) until the next
    backup of the assessment replaces it, or the assessment is deleted.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="backups")
    #: The finished file's name in the assessment's backups folder, and its size in bytes.
    file_name = models.CharField(max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["-requested_at"]


class RestoreJob(Job):
    """A backup file uploaded from the web, restored by the worker as a new assessment.

    The upload waits in a private folder (`backup/restore_jobs.py`, `restores_folder`) under
    the name in `upload`; it goes once restored, once refused, or when `pairsight web cleanup`
    finds it older than a day. A retry is a new job on the same upload.
    """

    #: Only reads the assessment: allowed on a published edition, and leaves a carried
    #: workstream carried (assessments/editions/access.py).
    part_of_edition = False

    #: The upload's file name as the person's computer called it (for messages only).
    file_name = models.CharField(max_length=255)
    #: The stored upload's name in the restores folder (random, never from the person).
    upload = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(default=0)
    #: The new assessment, once restored (empty again if it is later deleted).
    restored = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-requested_at"]


class AuditExport(Job):
    """The audit trail written as CSV by the worker, for the lead to download.

    Writing 50,000 events takes longer than a page may. The file holds only the events the
    audit page's filter (`filters`: person, kind, action, since, until) chose when it was
    asked for; it waits in the assessment's downloads folder (`backup/audit_exports.py`)
    until a newer one replaces it, a day passes (`pairsight web cleanup`), or the assessment
    is deleted. The download itself is recorded as an export.
    """

    #: Only reads the assessment: allowed on a published edition.
    part_of_edition = False

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="audit_exports"
    )
    filters = models.JSONField(default=dict, blank=True)
    events = models.PositiveIntegerField(default=0)
    size = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["-requested_at", "-id"]
