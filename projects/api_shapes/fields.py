"""Serializer fields for values the API inlines, so partners need no second request."""

from collections.abc import Callable
from typing import Any

from rest_framework.fields import Field

from .representations import image_representation, organisation_summary, public_person, publicly_shown_image
from .shapes import ID, STRING, URL, array, component, emits, nullable, obj

PAGE_LINK = component(
    "PageLink",
    obj({"id": ID, "title": STRING, "html_url": nullable(URL)}),
    "Another page, inlined: its id, title and public URL.",
)


class InstanceField(Field):
    """A read-only value computed from the whole object by `represent(instance, context)`."""

    def __init__(self, represent: Callable[[Any, dict], Any], **kwargs) -> None:
        self.represent = represent
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance: Any) -> Any:
        return instance

    def to_representation(self, instance: Any) -> Any:
        return self.represent(instance, self.context)


class OrganisationField(Field):
    """{"id": int, "name": str, "acronym": str, "city": str, "website": str}, or null."""

    api_schema = organisation_summary.api_schema

    def __init__(self, **kwargs) -> None:
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, organisation: Any) -> dict | None:
        return organisation_summary(organisation)


class PublicPersonField(Field):
    """A person's public fields (see projects.api_shapes.representations.public_person), or null."""

    api_schema = public_person.api_schema

    def __init__(self, **kwargs) -> None:
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, person: Any) -> dict | None:
        return public_person(person)


class ImageField(Field):
    """An image with its responsive renditions (projects.api_shapes.representations.image_representation)."""

    api_schema = image_representation.api_schema

    def __init__(self, **kwargs) -> None:
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, image: Any) -> dict | None:
        return image_representation(publicly_shown_image(image, self.context), self.context.get("request"))


def page_link(page: Any, request: Any) -> dict | None:
    """{"id": int, "title": str, "html_url": str | null}, or null."""
    if page is None:
        return None
    return {"id": page.pk, "title": page.title, "html_url": page.get_full_url(request)}


@emits(nullable(PAGE_LINK))
def report_project(report: Any, context: dict) -> dict | None:
    """The live, public project a report was written under: {"id", "title", "html_url"}, or null."""
    batch = context.get("batch")
    return page_link(batch.project_of(report), context.get("request")) if batch else None


@emits(array(PAGE_LINK))
def report_programs(report: Any, context: dict) -> list[dict]:
    """The live, public programs funding the report's project: [{"id", "title", "html_url"}, …]."""
    batch = context.get("batch")
    project = batch.project_of(report) if batch else None
    return project_programs(project, context) if project is not None else []


@emits(array(PAGE_LINK))
def project_programs(project: Any, context: dict) -> list[dict]:
    """The live, public programs in a project's funding rows: [{"id", "title", "html_url"}, …]."""
    batch = context.get("batch")
    programs = batch.programs_of(project) if batch else []
    return [page_link(program, context.get("request")) for program in programs]
