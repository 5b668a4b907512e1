"""Views of the programme app: public pages, delegations, staff tools."""
