"""Files of the demo network, generated in Python: collections, PDF documents and banner images.

The demo must run anywhere without fixtures or external tools (STYLE.md, "the demo command"), so
the PDF documents and PNG banners are built here, byte by byte or with Pillow. Members-only files go
into the "Membres" collection, whose view restriction keeps them from anonymous visitors (R-C11).
"""

import io

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from members.roles import MEMBERS

PUBLIC_COLLECTION = "Public"
MEMBERS_COLLECTION = "Membres"

# (key, title, file name, collection, lines of text on the page)
DOCUMENTS = [
    (
        "self_assessment",
        "Grille d’auto-évaluation de la charge de travail",
        "grille-auto-evaluation-charge.pdf",
        PUBLIC_COLLECTION,
        [
            "Relais - Grille d’auto-évaluation de la charge de travail",
            "Pour chaque semaine, notez de 1 à 5 : volume, imprévus, temps de récupération.",
            "Un document pour préparer un échange, pas un diagnostic.",
        ],
    ),
    (
        "conflict_guide",
        "Guide : préparer une conversation difficile",
        "guide-conversation-difficile.pdf",
        PUBLIC_COLLECTION,
        [
            "Relais - Préparer une conversation difficile",
            "1. Les faits. 2. Ce que je ressens. 3. Ce dont j’ai besoin. 4. Ma proposition.",
        ],
    ),
    (
        "career_checklist",
        "Liste de contrôle : faire le point sur sa carrière",
        "liste-point-carriere.pdf",
        PUBLIC_COLLECTION,
        [
            "Relais - Faire le point sur sa carrière",
            "Compétences, envies, contraintes, réseau : quatre colonnes pour y voir clair.",
        ],
    ),
    (
        "helper_kit",
        "Kit interne des aidant·es – trame d’entretien (réservé aux membres)",
        "kit-interne-aidants-trame-entretien.pdf",
        MEMBERS_COLLECTION,
        [
            "Relais - Kit interne des aidant·es (réservé aux membres)",
            "Accueillir, reformuler, orienter, convenir d’un compte rendu bref.",
            "Ne pas diffuser en dehors du réseau.",
        ],
    ),
]

# (key, title, file name, background colour, stripe colour)
IMAGES = [
    (
        "banner",
        "Bandeau Relais – des mains qui se relaient",
        "bandeau-relais.png",
        "#1f5f78",
        "#f2b134",
    ),
    ("meeting", "Bandeau – rencontre entre pairs", "bandeau-rencontre.png", "#3a7d44", "#f4efe6"),
]


def minimal_pdf(lines):
    """A valid one-page PDF (A4) showing the given lines in Helvetica.

    Text is encoded in WinAnsi (cp1252) so that French accents display; the cross-reference
    table is computed from the real byte offsets so that strict readers accept the file.
    """

    def escape(text):
        raw = text.replace("’", "'").encode("cp1252", errors="replace")
        return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    stream = b"BT /F1 13 Tf 16 TL 60 780 Td "
    for index, line in enumerate(lines):
        if index:
            stream += b"T* "
        stream += b"(" + escape(line) + b") Tj "
    stream += b"ET"

    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref_offset = len(output)
    output += f"xref\n0 {len(objects) + 1}\n".encode()
    output += b"0000000000 65535 f \n"
    for offset in offsets:
        output += f"{offset:010d} 00000 n \n".encode()
    output += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    output += f"startxref\n{xref_offset}\n%%EOF\n".encode()
    return bytes(output)


def banner_png(background, stripe, size=(1200, 400)):
    """A simple coloured banner: a plain background crossed by relay-like bands."""
    width, height = size
    image = PILImage.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    for index in range(4):
        left = 120 + index * 260
        draw.rounded_rectangle(
            (left, height // 2 - 30, left + 200, height // 2 + 30), radius=30, fill=stripe
        )
    draw.rectangle((0, height - 24, width, height), fill=stripe)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _collection(name, tally):
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    if existing is not None:
        return existing
    tally["collections"] += 1
    return root.add_child(name=name)


def _restrict_collection(collection, tally):
    if CollectionViewRestriction.objects.filter(collection=collection).exists():
        return
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=MEMBERS)])
    tally["restrictions"] += 1


def load_assets(tally):
    """Create the collections, documents and images that are missing; return them by key.

    `tally` is a collections.Counter that receives what was created, by kind.
    """
    collections = {
        name: _collection(name, tally) for name in (PUBLIC_COLLECTION, MEMBERS_COLLECTION)
    }
    _restrict_collection(collections[MEMBERS_COLLECTION], tally)

    Document = get_document_model()
    documents = {}
    for key, title, filename, collection_name, lines in DOCUMENTS:
        document = Document.objects.filter(title=title).first()
        if document is None:
            document = Document(title=title, collection=collections[collection_name])
            document.file = ContentFile(minimal_pdf(lines), name=filename)
            document._set_document_file_metadata()
            document.save()
            tally["documents"] += 1
        documents[key] = document

    Image = get_image_model()
    images = {}
    for key, title, filename, background, stripe in IMAGES:
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = Image(title=title, collection=collections[PUBLIC_COLLECTION])
            image.file = ImageFile(io.BytesIO(banner_png(background, stripe)), name=filename)
            image._set_image_file_metadata()
            image.save()
            tally["images"] += 1
        images[key] = image
    return documents, images
