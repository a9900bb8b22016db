"""The print book: every page of the built site, in reading order, as one printable document.

``chapters`` turns a built page's article into a chapter (ids scoped, links made
in-document, answers open); ``contents`` groups the table of contents and finds
the page each chapter starts on in the printed PDF; ``stylesheets`` reads which
stylesheets a built page links; ``pdf`` drives Chromium and pdftotext. Nothing here
imports MkDocs: hooks/print_book.py routes the events. BeautifulSoup is imported
only by the functions that parse built pages, which run only when the book is printed.
"""

from .chapters import (
    BookPage, ChapterError, article_ids, book_link, chapter_heading, make_chapter, read_article, scoped_id,
)
from .contents import ContentsEntry, ContentsPart, chapter_start_pages, group_contents
from .pdf import PdfError, pdf_page_texts, print_pdf
from .stylesheets import print_stylesheets

__all__ = [
    "BookPage", "ChapterError", "ContentsEntry", "ContentsPart", "PdfError", "article_ids", "book_link",
    "chapter_heading",
    "chapter_start_pages", "group_contents", "make_chapter", "pdf_page_texts", "print_pdf",
    "print_stylesheets", "read_article", "scoped_id",
]
