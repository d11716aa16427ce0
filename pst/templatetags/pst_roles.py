"""``{% load pst_roles %}``: the role guard for templates (``pst.roles.has_role``).

``{% if request.user|has_role:"Bendahara" %}``; several roles separated by commas pass when the
user holds any of them: ``user|has_role:"Petugas PST,Kepala Kantor"``. It reads the roles only,
never a view module."""

from django import template

from pst import roles

register = template.Library()


@register.filter
def has_role(user, role_names: str) -> bool:
    names = [name.strip() for name in str(role_names).split(",") if name.strip()]
    return bool(names) and roles.has_role(user, *names)
