"""Registration sends the activation e-mail (fork of Oscar's ``RegisterUserMixin``)."""

from django.contrib import messages
from django.utils.translation import gettext as _
from oscar.apps.customer import mixins as oscar_mixins

from pst.services import user_send_activation


class RegisterUserMixin(oscar_mixins.RegisterUserMixin):
    def register_user(self, form):
        user = super().register_user(form)
        user_send_activation(user=user)
        messages.info(
            self.request,
            _(
                "We have sent an activation link to %(email)s. Open it to verify your e-mail: "
                "downloads and orders need a verified address."
            )
            % {"email": user.email},
        )
        return user


PageTitleMixin = oscar_mixins.PageTitleMixin
