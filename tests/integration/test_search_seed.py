"""After ``seed_demo`` the demo site's search works at once (issue #5)."""

import io

import pytest
from django.core.management import call_command

from search import documents
from search.backends import get_backend
from search.backends.base import SearchRequest
from search.models import SearchDocument
from search.query import parse


@pytest.mark.django_db
def test_seed_demo_leaves_the_index_built():
    call_command("seed_demo", count=3, stdout=io.StringIO())
    assert SearchDocument.objects.count() == documents.count_documents() > 3
    microdata = get_backend().search(SearchRequest(query=parse(""), filters={"type": "data-mikro"}))
    assert microdata.total >= 1
