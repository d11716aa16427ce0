from django.urls import path

from shop.pricing import views

app_name = "pricing"

urlpatterns = [path("", views.TariffPageView.as_view(), name="tariff")]
