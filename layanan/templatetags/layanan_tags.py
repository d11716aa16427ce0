from django import template

register = template.Library()


@register.simple_tag
def is_pst_staff(user) -> bool:
    """Officers and the head of office see the link to the officer desk."""
    from layanan.views import is_staff_member

    return is_staff_member(user)
