from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "cms.home"
    label = "home"
    verbose_name = "首页与站点设置"

    def search_types(self):
        """The home page, as another page (search/registry.py); the site's root
        page itself is never a result (search.scope.base_scope)."""
        from search.registry import other_page

        from .models import HomePage

        return (other_page(HomePage),)
