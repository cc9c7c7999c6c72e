"""StreamField blocks editors compose reports, projects and programs from."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from .admin_choosers import KronikaSnippetChooserBlock
from .api_shapes.representations import (
    IMAGE,
    OFFICE,
    PHONE,
    PUBLIC_PERSON,
    image_representation,
    office_representation,
    phone_representation,
    public_person,
    publicly_shown_image,
)
from .api_shapes.richtext import requested_rich_text_format, rich_text_representation
from .api_shapes.shapes import HTML, STRING, array, block_value_schema, nullable, obj
from .phones import normalise_phone_or_blank, validate_phone
from .preloading import preloaded_objects
from .translatable import SynchronisedBlockMixin
from .visibility import person_is_public

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]
NOT_PUBLIC_MESSAGE = _("This person is not public: tick “shown publicly” on them first.")


def _request(context: dict | None):
    return (context or {}).get("request")


class PreloadedChooserMixin:
    """Inside an API response, take the chosen objects the API loaded for the whole result page."""

    def bulk_to_python(self, values: list) -> list:
        objects = preloaded_objects(self.model_class)
        if objects is None:
            return super().bulk_to_python(values)
        return [objects.get(pk) for pk in values]


class PersonChooserBlock(PreloadedChooserMixin, KronikaSnippetChooserBlock):
    """Choose a person from the contacts."""

    def __init__(self, **kwargs) -> None:
        super().__init__("projects.Person", **kwargs)


class OfficeChooserBlock(PreloadedChooserMixin, KronikaSnippetChooserBlock):
    """Choose an office from the contacts."""

    def __init__(self, **kwargs) -> None:
        super().__init__("projects.Office", **kwargs)


class PhotoChooserBlock(SynchronisedBlockMixin, PreloadedChooserMixin, ImageChooserBlock):
    """Choose a photo from the image library; the same photo in every language."""


class ParagraphBlock(blocks.RichTextBlock):
    """A paragraph of formatted text with links."""

    def get_api_representation(self, value, context: dict | None = None) -> str:
        """A string of HTML whose page and document links are absolute URLs."""
        request = _request(context)
        batch = (context or {}).get("batch")
        links = batch.link_urls if batch is not None else None
        return rich_text_representation(value.source, request, requested_rich_text_format(request), links)

    def get_api_schema(self) -> dict:
        return HTML


def _struct_error(**errors: str) -> StructBlockValidationError:
    return StructBlockValidationError(
        block_errors={name: ErrorList([ValidationError(message)]) for name, message in errors.items()}
    )


class PhoneNumberBlock(SynchronisedBlockMixin, blocks.CharBlock):
    """A phone number kept as written and checked to be a real number; never offered to translators."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("validators", [validate_phone])
        super().__init__(**kwargs)

    class Meta:
        icon = "mobile-alt"


class EmailAddressBlock(SynchronisedBlockMixin, blocks.EmailBlock):
    """An e-mail address, the same in every language."""


class PersonNameBlock(SynchronisedBlockMixin, blocks.CharBlock):
    """A person's name, written the same in every language."""


class HeadingBlock(blocks.StructBlock):
    """A section heading inside the text."""

    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(choices=[("h2", _("Section")), ("h3", _("Subsection"))], default="h2", label=_("Level"))

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "projects/blocks/heading.html"

    def get_api_representation(self, value, context: dict | None = None) -> dict:
        """{"text": str, "level": "h2" | "h3"}"""
        return {"text": value["text"], "level": value["level"]}

    def get_api_schema(self) -> dict:
        return obj({name: block_value_schema(self.child_blocks[name]) for name in ("text", "level")})


class QuoteValue(blocks.StructValue):
    """Who said it, whether they were chosen from people or typed in."""

    @property
    def speaker_name(self) -> str:
        """The name to print: blank for a chosen person who is no longer public."""
        person = self.get("person")
        if person is not None:
            return person.name if person_is_public(person) else ""
        return self.get("attribution") or ""

    @property
    def speaker_role(self) -> str:
        """The role typed with the quote, else a public chosen person's role."""
        person = self.get("person")
        return self.get("role") or (person.role if person_is_public(person) else "")


class QuoteBlock(blocks.StructBlock):
    """Someone's words, with who said them and in what role."""

    text = blocks.TextBlock(label=_("Quote"))
    person = PersonChooserBlock(
        required=False, label=_("Person"), help_text=_("Choose a person if they are in Kronika…")
    )
    attribution = PersonNameBlock(
        required=False,
        max_length=255,
        label=_("…or type a name"),
        help_text=_("e.g. a participant who is not in Kronika."),
    )
    role = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Role"),
        help_text=_("e.g. koordynatorka projektu. Leave empty to use the chosen person's role."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "projects/blocks/quote.html"
        value_class = QuoteValue

    def clean(self, value: QuoteValue) -> QuoteValue:
        value = super().clean(value)
        if value.get("person") and value.get("attribution"):
            raise _struct_error(attribution=_("Choose a person or type a name, not both."))
        if not value.get("person") and not value.get("attribution"):
            raise _struct_error(attribution=_("Say who is quoted: choose a person or type a name."))
        if value.get("person") and not person_is_public(value["person"]):
            raise _struct_error(person=NOT_PUBLIC_MESSAGE)
        return value

    def get_api_representation(self, value, context: dict | None = None) -> dict:
        """{"text": str, "speaker": {"name": str, "role": str, "person": public person | null}}

        A chosen person who is no longer public is left out, name included.
        """
        return {
            "text": value["text"],
            "speaker": {
                "name": value.speaker_name,
                "role": value.speaker_role,
                "person": public_person(value.get("person")),
            },
        }

    def get_api_schema(self) -> dict:
        return obj(
            {
                "text": block_value_schema(self.child_blocks["text"]),
                "speaker": obj({"name": STRING, "role": STRING, "person": nullable(PUBLIC_PERSON)}),
            }
        )


class ImageValue(blocks.StructValue):
    @property
    def alt(self) -> str:
        image = self.get("image")
        return self.get("alt_text") or (getattr(image, "description", "") or "" if image else "")


class ImageBlock(blocks.StructBlock):
    """A photo with its caption, credit and a description for people who cannot see it."""

    image = PhotoChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Alt text"),
        help_text=_("What the photo shows, for screen readers. Leave empty to use the image's own description."),
    )
    caption = blocks.CharBlock(required=False, max_length=255, label=_("Caption"))
    credit = blocks.CharBlock(
        required=False, max_length=255, label=_("Photo credit"), help_text=_("e.g. fot. Jan Kowalski")
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "projects/blocks/image.html"
        value_class = ImageValue

    def get_api_representation(self, value, context: dict | None = None) -> dict | None:
        """An image with renditions (see projects.api_shapes.representations.image_representation), or null."""
        return image_representation(
            publicly_shown_image(value.get("image"), context),
            _request(context),
            alt=value.alt,
            caption=value.get("caption") or "",
            credit=value.get("credit") or "",
        )

    def get_api_schema(self) -> dict:
        return nullable(IMAGE)


class GalleryBlock(blocks.StructBlock):
    """Several photos shown together."""

    title = blocks.CharBlock(required=False, max_length=200, label=_("Title"))
    images = blocks.ListBlock(ImageBlock(), min_num=2, label=_("Photos"))

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "projects/blocks/gallery.html"

    def get_api_representation(self, value, context: dict | None = None) -> dict:
        """{"title": str, "images": [image with renditions, …]} (photos no longer in the library are left out)."""
        image_block = self.child_blocks["images"].child_block
        images = [image_block.get_api_representation(item, context) for item in value.get("images", [])]
        return {"title": value.get("title") or "", "images": [image for image in images if image is not None]}

    def get_api_schema(self) -> dict:
        return obj({"title": block_value_schema(self.child_blocks["title"]), "images": array(IMAGE)})


class ListItemsBlock(blocks.StructBlock):
    """A bulleted or numbered list, such as the goals of a meeting."""

    style = blocks.ChoiceBlock(
        choices=[("bullets", _("Bullets")), ("numbers", _("Numbers"))], default="bullets", label=_("Style")
    )
    items = blocks.ListBlock(blocks.CharBlock(max_length=500, label=_("Item")), min_num=1, label=_("Items"))

    class Meta:
        icon = "list-ul"
        label = _("List")
        template = "projects/blocks/list.html"

    def get_api_representation(self, value, context: dict | None = None) -> dict:
        """{"style": "bullets" | "numbers", "items": [str, …]}"""
        return {"style": value["style"], "items": list(value["items"])}

    def get_api_schema(self) -> dict:
        return obj({name: block_value_schema(self.child_blocks[name]) for name in ("style", "items")})


class StaffContactBlock(blocks.StructBlock):
    """A person to contact, shown with the details they made public."""

    person = PersonChooserBlock(label=_("Person"))
    note = blocks.CharBlock(
        required=False, max_length=255, label=_("Note"), help_text=_("e.g. Questions about registration.")
    )

    class Meta:
        icon = "user"
        label = _("Staff contact")
        template = "projects/blocks/staff_contact.html"

    def clean(self, value: blocks.StructValue) -> blocks.StructValue:
        value = super().clean(value)
        person = value.get("person")
        if person is not None and not person_is_public(person):
            raise _struct_error(person=NOT_PUBLIC_MESSAGE)
        return value

    def get_api_representation(self, value, context: dict | None = None) -> dict:
        """{"person": public person | null, "note": str}: null once the person is no longer public."""
        return {"person": public_person(value.get("person")), "note": value.get("note") or ""}

    def get_api_schema(self) -> dict:
        return obj({"person": nullable(PUBLIC_PERSON), "note": block_value_schema(self.child_blocks["note"])})


class OfficeBlock(blocks.StructBlock):
    """An office with its address, phone, e-mail and hours."""

    office = OfficeChooserBlock(label=_("Office"))

    class Meta:
        icon = "home"
        label = _("Office")
        template = "projects/blocks/office.html"

    def get_api_representation(self, value, context: dict | None = None) -> dict:
        """{"office": office (see projects.api_shapes.representations.office_representation) | null}"""
        return {"office": office_representation(value.get("office"))}

    def get_api_schema(self) -> dict:
        return obj({"office": nullable(OFFICE)})


class ContactLineBlock(blocks.StructBlock):
    """A phone or e-mail to write to when no person or office is named."""

    label = blocks.CharBlock(required=False, max_length=255, label=_("Label"), help_text=_("e.g. Zapisy i informacje"))
    phone = PhoneNumberBlock(required=False, label=_("Phone"))
    email = EmailAddressBlock(required=False, label=_("E-mail"))

    class Meta:
        icon = "mail"
        label = _("Contact line")
        template = "projects/blocks/contact_line.html"

    def clean(self, value: blocks.StructValue) -> blocks.StructValue:
        value = super().clean(value)
        if not value.get("phone") and not value.get("email"):
            raise _struct_error(phone=_("Give a phone number or an e-mail address."))
        return value

    def get_api_representation(self, value, context: dict | None = None) -> dict:
        """{"label": str, "phone": {"display": str, "e164": str} | null, "email": str | null}"""
        phone = value.get("phone") or ""
        return {
            "label": value.get("label") or "",
            "phone": phone_representation(phone, normalise_phone_or_blank(phone)),
            "email": value.get("email") or None,
        }

    def get_api_schema(self) -> dict:
        return obj(
            {
                "label": block_value_schema(self.child_blocks["label"]),
                "phone": nullable(PHONE),
                "email": nullable({"type": "string", "format": "email"}),
            }
        )


class ContactBlock(blocks.StreamBlock):
    """Who to contact about a report, project or program."""

    staff_contact = StaffContactBlock()
    office = OfficeBlock()
    contact_line = ContactLineBlock()


class StoryBlock(blocks.StreamBlock):
    """The body of a report, project or program page."""

    paragraph = ParagraphBlock(features=RICH_TEXT_FEATURES, label=_("Paragraph"), icon="pilcrow")
    heading = HeadingBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    gallery = GalleryBlock()
    list = ListItemsBlock()
    staff_contact = StaffContactBlock()
    office = OfficeBlock()
