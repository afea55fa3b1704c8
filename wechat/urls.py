from django.urls import path

from . import views

urlpatterns = [
    path("js-sdk-config/", views.js_sdk_config, name="wechat_js_sdk_config"),
]
