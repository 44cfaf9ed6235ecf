"""A user signs in by email and carries only the profile the service needs."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models

from . import roles


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """Email is the identifier. No username, no date of birth, no phone number."""

    username = None
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(
        max_length=80,
        blank=True,
        help_text="How your name appears to others, for example on a session register.",
    )
    agency = models.ForeignKey(
        "taxonomy.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    job_title = models.CharField("role or job title", max_length=120, blank=True)
    area = models.ForeignKey(
        "taxonomy.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The local authority area you mostly work in.",
    )
    learning_reminders = models.BooleanField(
        "learning reminders",
        default=True,
        help_text="Emails when a refresher falls due, and a nudge at most once a fortnight about "
        "a programme you have not finished.",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.display_name or self.email

    def get_full_name(self):
        return self.display_name or " ".join(filter(None, [self.first_name, self.last_name])) or self.email

    def get_short_name(self):
        return self.display_name or self.email

    def has_role(self, role):
        return self.is_superuser or self.groups.filter(name=role).exists()

    @property
    def role_names(self):
        return sorted(group.name for group in self.groups.all() if group.name in roles.ALL_ROLES)
