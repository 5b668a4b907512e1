"""{% comma %}, {% semicolon %}, {% colon %}, {% list_sep %}, {% lparen %} and {% rparen %}:
the marks of portal/core/punctuation.py in the page's language."""

from django import template

from portal.core import punctuation

register = template.Library()

register.simple_tag(punctuation.comma, name="comma")
register.simple_tag(punctuation.semicolon, name="semicolon")
register.simple_tag(punctuation.colon, name="colon")
register.simple_tag(punctuation.list_separator, name="list_sep")
register.simple_tag(punctuation.open_paren, name="lparen")
register.simple_tag(punctuation.close_paren, name="rparen")
