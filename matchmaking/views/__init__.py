"""Views of B2B matchmaking: participants' pages here and in `calendar`, staff's in `staff`."""
