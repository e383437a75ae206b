from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required

login_view = login_not_required(auth_views.LoginView.as_view())
logout_view = auth_views.LogoutView.as_view()
