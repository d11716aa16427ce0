"""Property tests: no name or e-mail breaks the PDF or reaches it as PDF syntax."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf.generic import ContentStream

from watermark import Identity, marks, stamp_bytes, trace
from watermark.identity import clean_text

PDF_SYNTAX = "()<>[]{}/%\\\n\r\t ) Tj ET Q (BT /F1 99 Tf"

texts = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=80),  # any Unicode
    st.text(st.sampled_from(PDF_SYNTAX), max_size=60),  # delimiters and operators
    st.text(st.characters(codec="latin-1"), min_size=300, max_size=3000),  # very long
    st.sampled_from([") Tj ET Q q 1 0 0 1 0 0 cm (", "\\) Tj (", "<41> Tj", "Đặng 名前 😀 ﬁ"]),
)
names = texts.filter(lambda value: clean_text(value) != "")
download_ids = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9_-]{2,63}\Z")

EXPECTED_OPERATORS = [b"q", b"gs", b"g", b"BT", b"Tf", b"Td", b"Tj", b"ET", b"Q"]


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=names, email=texts, download_id=download_ids)
def test_any_identity_gives_a_valid_pdf_whose_mark_is_only_text(
    name, email, download_id, tiny_master, pdfcheck, tmp_path_factory
):
    identity = Identity(name, email, download_id, "2026-11-20")
    data = stamp_bytes(tiny_master, identity)
    assert len(data) == tiny_master.file_size

    reader = pdfcheck.open_pdf(data)
    xobjects = reader.pages[0]["/Resources"]["/XObject"]
    for form_name, line in (("/PSTWmD", marks.diagonal_line), ("/PSTWmF", marks.footer_line)):
        operations = ContentStream(xobjects[form_name].get_object(), reader).operations
        assert [operator for _, operator in operations] == EXPECTED_OPERATORS
        shown = operations[EXPECTED_OPERATORS.index(b"Tj")][0][0]
        assert bytes(shown.original_bytes) == line(identity)

    assert reader.metadata["/PSTDownloadName"] == identity.name[:200]
    assert reader.metadata["/PSTDownloadEmail"] == identity.email[:254]
    assert trace(data).download_id == download_id

    path = tmp_path_factory.mktemp("prop") / "copy.pdf"
    path.write_bytes(data)
    pdfcheck.qpdf_check(path)
