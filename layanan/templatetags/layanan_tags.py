from django import template

from layanan.selectors import is_staff_member

register = template.Library()


@register.simple_tag
def is_pst_staff(user) -> bool:
    """Officers and the head of office see the link to the officer desk."""
    return is_staff_member(user)
