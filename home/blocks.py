"""StreamField blocks shared by every page type."""

from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from . import rich_text


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Texte"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Titre de section")), ("h3", _("Sous-titre"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Titre")
        template = "home/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Texte alternatif"),
        required=False,
        help_text=_("Décrit l’image pour les personnes qui ne la voient pas."),
    )
    caption = blocks.CharBlock(label=_("Légende"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "home/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Citation"))
    attribution = blocks.CharBlock(label=_("Source"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "home/blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre"), max_length=120)
    text = blocks.TextBlock(label=_("Texte"), required=False)
    page = blocks.PageChooserBlock(label=_("Page liée"), required=False)
    url = blocks.URLBlock(label=_("Ou adresse"), required=False)
    button = blocks.CharBlock(label=_("Libellé du bouton"), max_length=60)

    class Meta:
        icon = "link"
        label = _("Appel à l’action")
        template = "home/blocks/call_to_action.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Intitulé"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "home/blocks/document.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"))
    answer = blocks.RichTextBlock(label=_("Réponse"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "help"
        label = _("Question fréquente")
        template = "home/blocks/question.html"


class OfferBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre"), max_length=80)
    text = blocks.TextBlock(label=_("Description"))
    page = blocks.PageChooserBlock(label=_("Page liée"), required=False)
    # A part of the portal that is no Wagtail page (the forum, /forum/): used when no page is
    # chosen (issue #17, item 4: the forum's card led to its rules).
    address = blocks.CharBlock(
        label=_("Adresse dans le portail"),
        required=False,
        max_length=200,
        help_text=_("Par exemple /forum/ ; utilisée quand aucune page n’est choisie."),
    )

    class Meta:
        icon = "pick"
        label = _("Offre")


RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul", "hr"]


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("Paragraphe"), features=RICH_TEXT_FEATURES)
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    document = DocumentBlock()
    question = QuestionBlock()

    class Meta:
        label = _("Contenu")

    def render_basic(self, value, context=None):
        """Paragraphs are rendered for the visitor: links they may not follow become text
        (home/rich_text.py); the other blocks filter what they show in their templates."""
        request = (context or {}).get("request")
        return format_html_join(
            "\n",
            '<div class="w-block-{1} block-{1}">{0}</div>',
            [
                (
                    rich_text.render_for(request, child.value)
                    if child.block_type == "paragraph"
                    else child.render(context=context),
                    child.block_type,
                )
                for child in value
            ],
        )
