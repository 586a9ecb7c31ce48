/** Firebase as the identity provider that receives role claims (custom claims through firebase-admin). */
package app.hearth.adapters.access.firebase;
