"""Bahasa Indonesia unless the user chose otherwise.

Django's ``LocaleMiddleware`` follows the browser's Accept-Language, which would greet most
visitors in English. The portal is Indonesian first (issue #2): only the language switch
(the ``django_language`` cookie set by ``set_language``) changes the interface language.
"""

from django.conf import settings
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin


class IndonesianFirstLocaleMiddleware(MiddlewareMixin):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
